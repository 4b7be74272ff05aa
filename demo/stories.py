"""The demo site's words and pictures: a campaign, its petition and the news stories that tell
why it exists. Data only; demo/pages.py builds the pages from it.

Facts and figures come from public reporting on UK police forces passing the details of migrant
victims of crime to immigration enforcement. Every sentence is our own; people named are only
described as having said or found what the public record shows, never quoted word for word.
The organisation publishing the demo, Safe Harbour Alliance, is fictional.
"""

CATEGORIES = [
    ("Law & Policy", "law-policy", "Changes in law and government policy that affect victims."),
    ("Investigations", "investigations", "Reporting that brings hidden practices to light."),
    ("Research", "research", "Studies and reports on what victims face."),
    ("Explainers", "explainers", "Background on the issues behind our campaigns."),
]

SOURCES = [
    # name, website, monogram, palette
    ("The New Statesman", "https://www.newstatesman.com/", "NS", "dusk"),
    ("The Detail", "https://thedetail.tv/", "TD", "ember"),
    ("Latin American Women's Rights Service", "https://lawrs.org.uk/", "LA", "dawn"),
]

ARTWORK = {
    # key: (title, motif, palette, seed, alt text)
    "night-city": (
        "Illustration: a city at night",
        "skyline",
        "dusk",
        11,
        "An illustration of tower blocks at night, a few windows lit.",
    ),
    "records": (
        "Illustration: stacked records",
        "documents",
        "ember",
        23,
        "An illustration of typed records stacked on top of one another.",
    ),
    "crossing": (
        "Illustration: the sea at dusk",
        "waves",
        "sea",
        37,
        "An illustration of dark waves under a low, hazy sun.",
    ),
    "data-links": (
        "Illustration: a web of connections",
        "network",
        "slate",
        41,
        "An illustration of points joined by lines, like data passed between offices.",
    ),
    "dawn-city": (
        "Illustration: a city at first light",
        "skyline",
        "dawn",
        53,
        "An illustration of tower blocks against a pink dawn sky.",
    ),
}

ILLUSTRATION_CREDIT = "Illustration: Safe Harbour Alliance"

HOME = {
    "title": "Home",
    "hero_heading": "Every victim of crime deserves to be safe, whatever their status",
    "hero_text": (
        "We campaign for a firewall between the police and immigration enforcement, so that "
        "survivors of trafficking, slavery and abuse can report crime without fear."
    ),
    "hero_image": "dawn-city",
}

CAMPAIGN = {
    "title": "A firewall for victims",
    "slug": "firewall",
    "summary": (
        "Police should protect victims, not pass their details to immigration enforcement. "
        "Join our call for a firewall that keeps reporting a crime separate from checks on "
        "immigration status."
    ),
    "hero_image": "data-links",
    "body": [
        ("heading", {"text": "Why a firewall", "level": "h2"}),
        (
            "paragraph",
            "<p>When someone reports slavery, trafficking or abuse, the police should see a "
            "victim first. Yet every police force in the United Kingdom has passed victims' "
            "details to the Home Office's immigration enforcement teams. Word of that travels "
            "fast in communities, and it keeps people away from the help they need.</p>"
            "<p>A firewall is a simple rule: information given to report a crime is not shared "
            "for immigration control. Domestic abuse services, legal charities and the "
            "Domestic Abuse Commissioner for England and Wales have all argued for one.</p>",
        ),
        ("heading", {"text": "What we are asking for", "level": "h2"}),
        (
            "paragraph",
            "<ul><li>A clear, public rule that police do not refer victims of crime to "
            "immigration enforcement.</li><li>Recording of every referral, including those "
            "sent by email, so the true scale is known.</li><li>Protection in law for "
            "survivors of trafficking, whatever their immigration status.</li></ul>",
        ),
    ],
}

# Stories, oldest first. "related" names the slugs an editor picked for the related box.
STORIES = [
    {
        "slug": "police-referred-796-slavery-victims-to-home-office",
        "title": "Police referred 796 victims of modern slavery to the Home Office in two years",
        "standfirst": (
            "Figures obtained under freedom of information show how often survivors who came "
            "forward were reported to immigration enforcement, and why campaigners say it keeps "
            "others silent."
        ),
        "date": "2022-06-27",
        "category": "law-policy",
        "source": "The New Statesman",
        "source_url": "https://www.newstatesman.com/",
        "byline": "By the Safe Harbour Alliance campaigns team",
        "hero": "night-city",
        "hero_caption": "Many survivors of slavery never report what happened to them.",
        "tags": ["modern slavery", "police", "Home Office", "data sharing", "firewall"],
        "related": ["rwanda-plan-puts-slavery-victims-at-risk"],
        "body": [
            (
                "paragraph",
                "<p>Between May 2020 and May 2022, police forces referred 796 victims of modern "
                "slavery to the Home Office. The numbers came to light through a freedom of "
                "information request made by the Joint Council for the Welfare of Immigrants "
                "(JCWI), the UK charity that campaigns for migrants' rights.</p>",
            ),
            (
                "quote",
                {
                    "quote": (
                        "Over two years, police in the UK passed the details of 796 victims of "
                        "modern slavery to the Home Office."
                    ),
                    "attribution": "Figures from a freedom of information request by JCWI",
                    "source_name": "The New Statesman",
                    "source_url": "https://www.newstatesman.com/",
                },
            ),
            (
                "paragraph",
                "<p>Mary Atkinson, a campaigns officer at JCWI, warned that the harm goes far "
                "beyond the people referred: each referral teaches many more victims that "
                "going to the police could cost them their home in this country.</p>",
            ),
            (
                "figures",
                {
                    "title": "Victims of modern slavery referred by police to the Home Office",
                    "unit": "victims referred",
                    "rows": [
                        {"label": "May 2020 to May 2022", "value": "796"},
                    ],
                    "source": "JCWI freedom of information request",
                    "credit": "",
                },
            ),
            ("heading", {"text": "A complaint the government turned down", "level": "h2"}),
            (
                "paragraph",
                "<p>The practice is not new. In 2018 Liberty and Southall Black Sisters lodged "
                "a police super-complaint about data sharing between the police and the Home "
                "Office. In 2021 the Home Office rejected their call for a firewall.</p>"
                "<p>The figures arrive as the government presses ahead with plans to remove "
                "people seeking asylum to Rwanda, a threat that hangs over survivors of "
                "trafficking too.</p>",
            ),
            (
                "call_to_action",
                {
                    "heading": "Join the campaign",
                    "text": (
                        "Stand with us for safe migration and real protection for victims of "
                        "trafficking. Add your voice to the call for a firewall."
                    ),
                    "page": "campaign",
                    "button_label": "Join the campaign",
                },
            ),
        ],
    },
    {
        "slug": "half-of-migrant-women-fear-police-more-than-abuser",
        "title": (
            "Half of migrant women facing domestic violence fear the police more than their abuser"
        ),
        "standfirst": (
            "A study by the Latin American Women's Rights Service shows what data sharing does "
            "to trust, and why the Domestic Abuse Commissioner wants safety put before status."
        ),
        "date": "2024-04-02",
        "category": "research",
        "source": "Latin American Women's Rights Service",
        "source_url": "https://lawrs.org.uk/",
        "byline": "By the Safe Harbour Alliance research team",
        "hero": "records",
        "hero_caption": "Reporting abuse should never put a survivor's future at risk.",
        "tags": ["domestic abuse", "police", "data sharing", "research"],
        "related": [],
        "body": [
            (
                "paragraph",
                "<p>Research by the Latin American Women's Rights Service (LAWRS) found that "
                "half of the migrant women it studied who were facing domestic violence were "
                "more afraid of the police than of the person abusing them.</p>"
                "<p>The reason is not hard to find. A woman who calls for help may be asked "
                "about her immigration status, and may know someone whose details were passed "
                "on. Elizabeth Jiménez-Yáñez of LAWRS is among those pressing for change.</p>",
            ),
            ("heading", {"text": "Safety before status", "level": "h2"}),
            (
                "paragraph",
                "<p>Nicole Jacobs, the Domestic Abuse Commissioner for England and Wales, set "
                "out how to close that gap in her report <i>Safety Before Status: The "
                "Solutions</i>. Its core recommendation is a firewall, so that information "
                "shared to get help is not used for immigration control.</p>"
                "<p>The police inspectorate reached a similar view in 2020: it found no "
                "evidence that sharing victims' data with the Home Office helped to "
                "safeguard victims of domestic abuse.</p>",
            ),
            (
                "call_to_action",
                {
                    "heading": "Back a firewall",
                    "text": "Survivors should be able to call the police without fear.",
                    "page": "campaign",
                    "button_label": "Join the campaign",
                },
            ),
        ],
    },
    {
        "slug": "every-police-force-referred-victims-to-immigration-enforcement",
        "title": (
            "Every police force in the UK referred victims of crime to immigration enforcement"
        ),
        "standfirst": (
            "An investigation found 2,672 victims reported to the Home Office in just over two "
            "years, among them survivors of slavery, trafficking and domestic abuse."
        ),
        "date": "2024-04-11",
        "category": "investigations",
        "source": "The Detail",
        "source_url": "https://thedetail.tv/",
        "byline": "By the Safe Harbour Alliance campaigns team",
        "hero": "data-links",
        "hero_caption": "Police forces shared victims' details with immigration enforcement.",
        "tags": ["police", "Home Office", "data sharing", "modern slavery", "domestic abuse"],
        "related": ["police-referred-796-slavery-victims-to-home-office"],
        "body": [
            (
                "paragraph",
                "<p>An investigation by The Detail, working with Vikram Dodd of the Guardian, "
                "found that all 43 police forces in England and Wales, Police Scotland and the "
                "Police Service of Northern Ireland referred victims of crime to Home Office "
                "immigration enforcement between May 2020 and September 2022.</p>"
                "<p>In total, 2,672 victims were referred. Because referrals sent by email were "
                "not recorded, the true number is likely to be higher.</p>",
            ),
            (
                "figures",
                {
                    "title": "Victims referred, by the crime they suffered",
                    "unit": "victims referred",
                    "rows": [
                        {"label": "Modern slavery", "value": "785"},
                        {"label": "Human trafficking", "value": "618"},
                        {"label": "Domestic abuse", "value": "451"},
                        {"label": "Child sexual exploitation", "value": "75"},
                        {"label": "Sexual exploitation", "value": "60"},
                        {"label": "Forced marriage", "value": "20"},
                        {"label": "Labour exploitation", "value": "20"},
                        {"label": "Domestic servitude", "value": "12"},
                        {"label": "Unspecified crimes", "value": "631"},
                    ],
                    "source": "Police responses to freedom of information requests, May 2020 "
                    "to September 2022",
                    "credit": "Safe Harbour Alliance",
                },
            ),
            ("heading", {"text": "The forces that referred most", "level": "h2"}),
            (
                "figures",
                {
                    "title": "Referrals by police force, highest five",
                    "unit": "victims referred",
                    "rows": [
                        {"label": "Metropolitan Police", "value": "460"},
                        {"label": "West Midlands Police", "value": "222"},
                        {"label": "Police Scotland", "value": "207"},
                        {"label": "West Yorkshire Police", "value": "143"},
                        {"label": "Greater Manchester Police", "value": "132"},
                    ],
                    "source": "Police responses to freedom of information requests. A further "
                    "126 cases had no force recorded",
                    "credit": "Safe Harbour Alliance",
                    "show_total": False,
                },
            ),
            (
                "paragraph",
                "<p>A Home Office document marked “official sensitive” showed that from April "
                "to December 2020, a quarter of the domestic abuse victims referred by police "
                "were served with immigration enforcement papers.</p>"
                "<p>Those who responded to the findings included Nicole Jacobs, the Domestic "
                "Abuse Commissioner; Sir Bob Neill MP, chair of the Justice Committee; Lara "
                "ten Caten of Liberty; Ahmed Aydeed, a solicitor at Duncan Lewis; and "
                "Assistant Chief Constable Jim Pearce for the National Police Chiefs' "
                "Council.</p>",
            ),
            (
                "image",
                {
                    "image": "records",
                    "alt_text": "An illustration of typed records stacked on top of one another.",
                    "caption": "Referrals sent by email were never counted.",
                    "credit": ILLUSTRATION_CREDIT,
                },
            ),
            (
                "paragraph",
                "<p>In 2020 the Metropolitan Police paid £15,500 in compensation to a child "
                "victim of slavery who had been arrested under immigration powers instead of "
                "being treated as a victim.</p>",
            ),
            (
                "call_to_action",
                {
                    "heading": "Join the campaign",
                    "text": "Tell the government: victims first, whatever their status.",
                    "page": "campaign",
                    "button_label": "Join the campaign",
                },
            ),
        ],
    },
    {
        "slug": "rwanda-plan-puts-slavery-victims-at-risk",
        "title": "Modern slavery victims at the heart of the Rwanda deportation plan",
        "standfirst": (
            "As the Safety of Rwanda Bill passes back and forth between the Lords and the "
            "Commons, survivors of trafficking face removal from the country that should "
            "protect them."
        ),
        "date": "2024-04-16",
        "category": "law-policy",
        "source": None,
        "source_url": "",
        "byline": "By the Safe Harbour Alliance policy team",
        "hero": "crossing",
        "hero_caption": "Survivors of trafficking could be sent to Rwanda under the plan.",
        "tags": ["Rwanda", "modern slavery", "Parliament", "Home Office"],
        "related": ["police-referred-796-slavery-victims-to-home-office"],
        "body": [
            (
                "paragraph",
                "<p>The government's bill to send people seeking asylum to Rwanda began life "
                "as the Rwanda (Asylum and Immigration) Bill and was renamed the Safety of "
                "Rwanda Bill. It has become the centre of a standoff between the House of "
                "Lords and the House of Commons, with peers sending amendments back again and "
                "again.</p>"
                "<p>Victims of modern slavery sit at the heart of the dispute. Many arrive in "
                "the UK under the control of traffickers and only later find the courage to "
                "come forward. Under the plan, that moment could lead to removal.</p>",
            ),
            ("heading", {"text": "What happens next", "level": "h2"}),
            (
                "paragraph",
                "<p>The bill cannot become law until both Houses agree its wording. We are "
                "asking supporters to write to their MP before the next vote.</p>",
            ),
            (
                "call_to_action",
                {
                    "heading": "Join the campaign",
                    "text": "Protect survivors of trafficking from removal.",
                    "page": "campaign",
                    "button_label": "Join the campaign",
                },
            ),
        ],
    },
    {
        "slug": "why-we-need-a-firewall",
        "title": "Explained: why campaigners want a firewall between police and immigration",
        "standfirst": (
            "From a 2018 super-complaint to a 2021 refusal, here is how the call for a "
            "firewall grew, and what the evidence says."
        ),
        "date": "2024-04-18",
        "category": "explainers",
        "source": None,
        "source_url": "",
        "byline": "By the Safe Harbour Alliance policy team",
        "hero": "night-city",
        "hero_caption": "A firewall would let victims report crime without fear.",
        "tags": ["firewall", "police", "data sharing", "Home Office"],
        "related": [
            "every-police-force-referred-victims-to-immigration-enforcement",
            "half-of-migrant-women-fear-police-more-than-abuser",
        ],
        "body": [
            ("heading", {"text": "The complaint", "level": "h2"}),
            (
                "paragraph",
                "<p>In 2018 Liberty and Southall Black Sisters used a police super-complaint, a "
                "formal route for raising harm to the public, to challenge data sharing between "
                "police forces and the Home Office.</p>",
            ),
            ("heading", {"text": "The evidence", "level": "h2"}),
            (
                "paragraph",
                "<p>The police inspectorate reported in 2020 that it had found no evidence "
                "that passing victims' data to the Home Office helped safeguard victims of "
                "domestic abuse. In 2021 the Home Office nonetheless rejected a firewall.</p>",
            ),
            ("heading", {"text": "The scale", "level": "h2"}),
            (
                "figures",
                {
                    "title": "Victims of crime referred to immigration enforcement",
                    "unit": "victims referred",
                    "rows": [
                        {"label": "Slavery (to May 2022)", "value": "796"},
                        {"label": "All crimes (to Sep 2022)", "value": "2672"},
                    ],
                    "source": "Freedom of information requests by JCWI (modern slavery, May 2020 "
                    "to May 2022) and by The Detail (all crimes, May 2020 to September 2022)",
                    "credit": "Safe Harbour Alliance",
                    # Two overlapping counts from different requests: adding them means nothing.
                    "show_total": False,
                },
            ),
            (
                "call_to_action",
                {
                    "heading": "Join the campaign",
                    "text": "Add your name to the call for a firewall.",
                    "page": "campaign",
                    "button_label": "Join the campaign",
                },
            ),
        ],
    },
]

PETITION = {
    "title": "Build a firewall between police and immigration enforcement",
    "slug": "firewall-petition",
    "addressed_to": "The Home Secretary",
    "ask": (
        "Stop police forces passing the details of victims of crime to immigration enforcement, "
        "and make that rule public, recorded and enforceable."
    ),
    "goal": 500,
    "body": [
        (
            "paragraph",
            "<p>Between May 2020 and September 2022, police forces across the UK referred 2,672 "
            "victims of crime to the Home Office. Among them were 785 survivors of modern "
            "slavery and 451 survivors of domestic abuse.</p>"
            "<p>When victims fear that reporting a crime will put them at risk of removal, they "
            "stay silent, and the people who exploited them go free. A firewall would let every "
            "victim come forward safely.</p>",
        ),
    ],
    "thank_you_text": (
        "<p>Thank you. Every signature tells the Home Secretary that victims must come first. "
        "Please share the petition with two friends today.</p>"
    ),
    "share_text": "I signed: police must protect victims of crime, not report them to "
    "immigration enforcement.",
}
