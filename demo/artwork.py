"""Illustrations for the demo site, drawn with Pillow so nothing is downloaded.

Each motif is abstract on purpose: the demo must not pass off invented photographs as real
people or places.
"""

import io
import random

from PIL import Image, ImageDraw, ImageFilter, ImageFont

WIDTH, HEIGHT = 1600, 900

PALETTES = {
    "dusk": ((20, 33, 61), (58, 80, 140), (242, 165, 65)),
    "sea": ((14, 48, 74), (39, 110, 140), (236, 214, 160)),
    "ember": ((52, 24, 44), (140, 58, 72), (245, 190, 110)),
    "slate": ((28, 38, 48), (78, 98, 112), (220, 230, 236)),
    "dawn": ((70, 40, 80), (210, 120, 90), (255, 220, 160)),
}


def _gradient(top, bottom):
    image = Image.new("RGB", (WIDTH, HEIGHT), top)
    draw = ImageDraw.Draw(image)
    for y in range(HEIGHT):
        t = y / (HEIGHT - 1)
        colour = tuple(int(a + (b - a) * t) for a, b in zip(top, bottom, strict=True))
        draw.line([(0, y), (WIDTH, y)], fill=colour)
    return image


def _glow(image, centre, radius, colour):
    layer = Image.new("RGBA", image.size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(layer)
    x, y = centre
    draw.ellipse([x - radius, y - radius, x + radius, y + radius], fill=(*colour, 150))
    layer = layer.filter(ImageFilter.GaussianBlur(radius // 3))
    image.paste(layer, (0, 0), layer)


def _skyline(draw, rng, palette):
    """Rows of tower blocks with a few lit windows: a city at night."""
    base, _, light = palette
    x = 0
    while x < WIDTH:
        width = rng.randint(70, 160)
        height = rng.randint(220, 560)
        top = HEIGHT - height
        draw.rectangle([x, top, x + width, HEIGHT], fill=tuple(max(c - 12, 0) for c in base))
        for wy in range(top + 24, HEIGHT - 20, 34):
            for wx in range(x + 14, x + width - 18, 26):
                if rng.random() < 0.22:
                    draw.rectangle([wx, wy, wx + 12, wy + 16], fill=light)
        x += width + rng.randint(4, 18)


def _waves(draw, rng, palette):
    """Bands of sea under a low sun: crossings, distance, departure."""
    _, mid, light = palette
    for band in range(9):
        y0 = 520 + band * 44
        shade = tuple(max(c - band * 9, 0) for c in mid)
        points = [(0, HEIGHT)]
        for x in range(0, WIDTH + 80, 80):
            points.append((x, y0 + rng.randint(-14, 14)))
        points.append((WIDTH, HEIGHT))
        draw.polygon(points, fill=shade)
    draw.rectangle([0, 515, WIDTH, 519], fill=light)


def _documents(draw, rng, palette):
    """Stacked sheets of typed lines: records, referrals, data."""
    base, _, light = palette
    for sheet in range(7):
        x = 180 + sheet * 170 + rng.randint(-20, 20)
        y = 160 + rng.randint(-30, 60)
        draw.rounded_rectangle([x, y, x + 420, y + 560], radius=10, fill=(246, 244, 238))
        for line in range(14):
            length = rng.randint(200, 360)
            ly = y + 60 + line * 34
            draw.rounded_rectangle([x + 36, ly, x + 36 + length, ly + 10], radius=5, fill=base)
        draw.rectangle([x + 36, y + 20, x + 200, y + 34], fill=light)


def _network(draw, rng, palette):
    """Nodes joined by lines: information passing from one authority to another."""
    _, mid, light = palette
    nodes = [(rng.randint(80, WIDTH - 80), rng.randint(80, HEIGHT - 80)) for _ in range(26)]
    for index, (x, y) in enumerate(nodes):
        for other in nodes[index + 1 : index + 3]:
            draw.line([(x, y), other], fill=mid, width=3)
    for x, y in nodes:
        radius = rng.randint(8, 22)
        draw.ellipse([x - radius, y - radius, x + radius, y + radius], fill=light)


MOTIFS = {"skyline": _skyline, "waves": _waves, "documents": _documents, "network": _network}


def draw_illustration(motif, palette_name, seed):
    """A PNG (as bytes) of the named motif in the named palette; the same seed, the same art."""
    rng = random.Random(seed)  # noqa: S311 - repeatable artwork, not a secret
    palette = PALETTES[palette_name]
    image = _gradient(palette[0], palette[1])
    _glow(image, (rng.randint(900, 1400), rng.randint(150, 350)), 260, palette[2])
    MOTIFS[motif](ImageDraw.Draw(image), rng, palette)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def draw_monogram(letters, palette_name):
    """A round badge with initials, for a news source that has no logo on file."""
    palette = PALETTES[palette_name]
    image = Image.new("RGBA", (192, 192), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.ellipse([0, 0, 191, 191], fill=palette[0])
    draw.ellipse([10, 10, 181, 181], outline=palette[2], width=6)
    font = _font(72)
    box = draw.textbbox((0, 0), letters, font=font)
    x = (192 - (box[2] - box[0])) / 2 - box[0]
    y = (192 - (box[3] - box[1])) / 2 - box[1]
    draw.text((x, y), letters, fill=(255, 255, 255), font=font)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def _font(size):
    try:
        return ImageFont.load_default(size=size)
    except TypeError:  # Pillow without scalable default font
        return ImageFont.load_default()
