"""Campaigns and petitions: pages, signatures, signing and confirming, counts, and their admin.

Layers, each importing only those below it: records (campaign/models/signatures.py, settings.py)
and plain helpers (goals.py, visible_text.py); services (public_names, blocked_domains,
counting, confirmation_links, signature_upsert, erasure, tasks, petition_signing); views and
forms; the page models (campaign/models/pages.py, petition.py), which reach the views only
through their routes; and above them the admin, live_petitions and the JSON API (api.py).
"""
