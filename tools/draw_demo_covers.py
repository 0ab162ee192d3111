"""Draw the demo article covers and write them to site/lindungi/demo/covers/<name>.webp.

Run by hand, only when a drawing changes (the site never draws: the seed loads the committed
files through the upload pipeline like any photo):

    .venv/bin/python tools/draw_demo_covers.py            # rewrite every cover
    .venv/bin/python tools/draw_demo_covers.py no-fee     # rewrite one
    .venv/bin/python tools/draw_demo_covers.py --out /tmp/covers

then commit the changed .webp files. A test checks that the committed files show exactly what this
script draws, so a drawing changed without rewriting its file fails the suite.

Every cover is an original flat drawing made with Pillow primitives: no photos, no fonts, no text,
no randomness, so the same name always gives the same pixels. Shapes are drawn at twice the size
and scaled down once, so edges look smooth while the large flat areas still compress well. Files
are lossless WebP: the seed re-encodes them at several widths, and a lossy original would lose
quality twice.
"""

from __future__ import annotations

import argparse
import math
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from PIL import Image, ImageDraw

WIDTH = 1200
HEIGHT = 675
_SCALE = 2  # supersampling factor

# Palette (calm, matching the site): main colours and a few tints of them.
TEAL = (11, 110, 105)  # #0b6e69
NAVY = (18, 53, 91)  # #12355b
SAND = (243, 233, 210)  # #f3e9d2
CORAL = (224, 122, 95)  # #e07a5f
WHITE = (255, 255, 255)
TEAL_LIGHT = (168, 210, 203)
TEAL_PALE = (214, 234, 230)
NAVY_LIGHT = (94, 124, 158)
SAND_DARK = (222, 204, 165)
CORAL_LIGHT = (240, 186, 168)
SKIN = (196, 140, 104)
SKIN_DARK = (150, 100, 72)

Point = tuple[float, float]


class _Canvas:
    """Draws in 1200x675 coordinates on a supersampled image."""

    def __init__(self, background: tuple[int, int, int]) -> None:
        self.image = Image.new("RGB", (WIDTH * _SCALE, HEIGHT * _SCALE), background)
        self.d = ImageDraw.Draw(self.image)

    @staticmethod
    def _xy(points: list[Point] | tuple[float, ...]) -> list[float]:
        flat: list[float] = []
        for p in points:
            if isinstance(p, tuple):
                flat.extend((p[0] * _SCALE, p[1] * _SCALE))
            else:
                flat.append(p * _SCALE)
        return flat

    def rect(self, box, fill, radius: float = 0, outline=None, width: float = 0) -> None:
        xy = self._xy(box)
        if radius:
            self.d.rounded_rectangle(
                xy, radius=radius * _SCALE, fill=fill, outline=outline, width=int(width * _SCALE)
            )
        else:
            self.d.rectangle(xy, fill=fill, outline=outline, width=int(width * _SCALE))

    def ellipse(self, box, fill, outline=None, width: float = 0) -> None:
        self.d.ellipse(self._xy(box), fill=fill, outline=outline, width=int(width * _SCALE))

    def circle(self, cx: float, cy: float, r: float, fill, outline=None, width: float = 0) -> None:
        self.ellipse((cx - r, cy - r, cx + r, cy + r), fill, outline, width)

    def poly(self, points: list[Point], fill) -> None:
        self.d.polygon(self._xy(points), fill=fill)

    def line(self, points: list[Point], fill, width: float, joint: str | None = "curve") -> None:
        self.d.line(self._xy(points), fill=fill, width=int(width * _SCALE), joint=joint)
        # Round caps so thick strokes (arms, hands of a clock) do not end square.
        r = width / 2
        for x, y in (points[0], points[-1]):
            self.circle(x, y, r, fill)

    def pieslice(self, box, start: float, end: float, fill) -> None:
        self.d.pieslice(self._xy(box), start, end, fill=fill)

    def chord(self, box, start: float, end: float, fill) -> None:
        self.d.chord(self._xy(box), start, end, fill=fill)

    def arc(self, box, start: float, end: float, fill, width: float) -> None:
        self.d.arc(self._xy(box), start, end, fill=fill, width=int(width * _SCALE))

    def finish(self) -> Image.Image:
        return self.image.resize((WIDTH, HEIGHT), Image.Resampling.LANCZOS)


# ---------------------------------------------------------------- shared pieces


def _person(
    c: _Canvas,
    x: float,
    ground: float,
    height: float,
    shirt,
    trousers=NAVY,
    skin=SKIN,
    cap=None,
    arm_left: list[Point] | None = None,
    arm_right: list[Point] | None = None,
    skirt: bool = False,
) -> dict[str, Point]:
    """A simple standing figure whose feet touch `ground`, centred on x.

    Arms are given as point lists relative to the shoulders (dx, dy in units of
    the figure's height); by default they hang down. Returns the shoulder points
    so callers can attach objects to the hands.
    """
    h = height
    head_r = h * 0.085
    head_cy = ground - h + head_r
    body_top = head_cy + head_r + h * 0.015
    body_w = h * 0.26
    hip = ground - h * 0.42
    leg_w = h * 0.085
    # legs
    if skirt:
        c.poly(
            [
                (x - body_w * 0.42, hip - h * 0.02),
                (x + body_w * 0.42, hip - h * 0.02),
                (x + body_w * 0.6, ground - h * 0.04),
                (x - body_w * 0.6, ground - h * 0.04),
            ],
            trousers,
        )
        c.rect(
            (x - body_w * 0.3, ground - h * 0.05, x - body_w * 0.08, ground),
            SKIN_DARK,
            radius=h * 0.01,
        )
        c.rect(
            (x + body_w * 0.08, ground - h * 0.05, x + body_w * 0.3, ground),
            SKIN_DARK,
            radius=h * 0.01,
        )
    else:
        c.rect(
            (x - body_w * 0.42, hip - h * 0.02, x - body_w * 0.42 + leg_w * 1.6, ground),
            trousers,
            radius=h * 0.03,
        )
        c.rect(
            (x + body_w * 0.42 - leg_w * 1.6, hip - h * 0.02, x + body_w * 0.42, ground),
            trousers,
            radius=h * 0.03,
        )
    # shoulders used for arms
    sl = (x - body_w / 2 + h * 0.02, body_top + h * 0.05)
    sr = (x + body_w / 2 - h * 0.02, body_top + h * 0.05)
    arm_w = h * 0.07

    def arm(start: Point, rel: list[Point] | None, side: int) -> None:
        if rel is None:
            rel = [(side * 0.04, 0.16), (side * 0.05, 0.33)]
        pts = [start] + [(start[0] + dx * h, start[1] + dy * h) for dx, dy in rel]
        c.line(pts, shirt, arm_w)
        end = pts[-1]
        c.circle(end[0], end[1], arm_w * 0.62, skin)

    arm(sl, arm_left, -1)
    arm(sr, arm_right, 1)
    # body
    c.rect((x - body_w / 2, body_top, x + body_w / 2, hip + h * 0.02), shirt, radius=h * 0.07)
    # neck and head
    c.rect((x - h * 0.03, body_top - h * 0.03, x + h * 0.03, body_top + h * 0.02), skin)
    c.circle(x, head_cy, head_r, skin)
    if cap == "peci":
        c.rect(
            (x - head_r * 0.92, head_cy - head_r * 1.2, x + head_r * 0.92, head_cy - head_r * 0.45),
            NAVY,
            radius=head_r * 0.15,
        )
    elif cap == "hijab":
        c.chord(
            (x - head_r * 1.25, head_cy - head_r * 1.25, x + head_r * 1.25, head_cy + head_r * 1.6),
            180,
            360,
            trousers,
        )
        c.poly(
            [
                (x - head_r * 1.25, head_cy + head_r * 0.15),
                (x - head_r * 0.95, head_cy + head_r * 0.15),
                (x - body_w * 0.35, body_top + h * 0.1),
                (x - body_w * 0.55, body_top + h * 0.06),
            ],
            trousers,
        )
        c.poly(
            [
                (x + head_r * 1.25, head_cy + head_r * 0.15),
                (x + head_r * 0.95, head_cy + head_r * 0.15),
                (x + body_w * 0.35, body_top + h * 0.1),
                (x + body_w * 0.55, body_top + h * 0.06),
            ],
            trousers,
        )
        c.poly(
            [
                (x - head_r * 0.95, head_cy + head_r * 0.9),
                (x + head_r * 0.95, head_cy + head_r * 0.9),
                (x + body_w * 0.45, body_top + h * 0.08),
                (x - body_w * 0.45, body_top + h * 0.08),
            ],
            trousers,
        )
        # the face stays visible inside the scarf
        c.ellipse(
            (
                x - head_r * 0.74,
                head_cy - head_r * 0.78,
                x + head_r * 0.74,
                head_cy + head_r * 0.86,
            ),
            skin,
        )
    elif cap == "hair":
        c.chord(
            (x - head_r, head_cy - head_r * 1.05, x + head_r, head_cy + head_r * 0.5),
            180,
            360,
            NAVY,
        )
    elif cap == "hat":  # wide brimmed fisher's hat
        c.ellipse(
            (x - head_r * 1.8, head_cy - head_r * 0.75, x + head_r * 1.8, head_cy - head_r * 0.25),
            SAND_DARK,
        )
        c.chord(
            (x - head_r * 0.95, head_cy - head_r * 1.4, x + head_r * 0.95, head_cy),
            180,
            360,
            SAND_DARK,
        )
    elif cap == "helmet":
        c.chord(
            (x - head_r * 1.15, head_cy - head_r * 1.2, x + head_r * 1.15, head_cy + head_r * 0.9),
            180,
            360,
            CORAL,
        )
        c.rect(
            (
                x - head_r * 1.15,
                head_cy - head_r * 0.25,
                x + head_r * 1.15,
                head_cy - head_r * 0.05,
            ),
            CORAL,
        )
    return {"sl": sl, "sr": sr, "head": (x, head_cy)}


def _sun(c: _Canvas, cx: float, cy: float, r: float, color=CORAL_LIGHT) -> None:
    c.circle(cx, cy, r, color)


def _cloud(c: _Canvas, x: float, y: float, s: float, color=WHITE) -> None:
    c.rect((x, y, x + 150 * s, y + 36 * s), color, radius=18 * s)
    c.circle(x + 50 * s, y + 4 * s, 30 * s, color)
    c.circle(x + 95 * s, y - 4 * s, 38 * s, color)


def _hospital(
    c: _Canvas, x: float, ground: float, w: float, h: float, wall=WHITE, trim=TEAL
) -> None:
    """A flat hospital block with a coral medical cross on a sign above the roof."""
    c.rect((x, ground - h, x + w, ground), wall)
    c.rect((x - 8, ground - h - 14, x + w + 8, ground - h + 4), trim)
    # cross sign
    cx = x + w / 2
    top = ground - h - 14
    c.rect((cx - 44, top - 92, cx + 44, top - 4), WHITE, radius=12)
    c.rect((cx - 13, top - 80, cx + 13, top - 16), CORAL)
    c.rect((cx - 32, top - 61, cx + 32, top - 35), CORAL)
    # windows
    cols = max(2, int(w // 70))
    rows = max(1, int((h - 90) // 70))
    gap_x = w / cols
    for r in range(rows):
        for k in range(cols):
            wx = x + gap_x * k + gap_x * 0.22
            wy = ground - h + 28 + r * 70
            c.rect((wx, wy, wx + gap_x * 0.56, wy + 38), TEAL_LIGHT, radius=4)
    # door
    c.rect((cx - 42, ground - 78, cx + 42, ground), trim, radius=6)
    c.rect((cx - 2, ground - 74, cx + 2, ground), TEAL_LIGHT)


def _check(c: _Canvas, cx: float, cy: float, r: float, ring=TEAL, mark=WHITE) -> None:
    c.circle(cx, cy, r, ring)
    c.line(
        [
            (cx - r * 0.45, cy + r * 0.02),
            (cx - r * 0.12, cy + r * 0.35),
            (cx + r * 0.5, cy - r * 0.35),
        ],
        mark,
        r * 0.2,
        joint="curve",
    )


# ---------------------------------------------------------------- covers


def _primaya_signing() -> Image.Image:
    """City hall behind two people shaking hands; a hospital sign at the side."""
    c = _Canvas(SAND)
    _sun(c, 1040, 120, 60)
    _cloud(c, 120, 110, 1.0)
    _cloud(c, 820, 170, 0.8)
    ground = 560
    # city hall: wide block with columns, a raised centre and a dome
    c.rect((210, 300, 990, ground), WHITE)
    c.rect((190, 284, 1010, 306), NAVY)
    c.rect((470, 210, 730, 300), WHITE)
    c.poly([(450, 214), (600, 150), (750, 214)], NAVY)
    c.chord((560, 100, 640, 180), 180, 360, TEAL)
    c.rect((597, 70, 603, 104), NAVY)
    c.poly([(603, 72), (640, 82), (603, 92)], CORAL)
    for i in range(12):
        x = 236 + i * 64
        c.rect((x, 322, x + 22, ground - 28), TEAL_PALE)
    c.rect((180, ground - 28, 1020, ground - 12), SAND_DARK)
    c.rect((160, ground - 12, 1040, ground), SAND_DARK)
    # ground
    c.rect((0, ground, WIDTH, HEIGHT), TEAL)
    c.rect((0, ground, WIDTH, ground + 16), TEAL_LIGHT)
    # small hospital sign on a post, right
    c.rect((1096, 420, 1106, ground), NAVY)
    c.rect((1046, 350, 1156, 440), WHITE, radius=14)
    c.rect((1088, 364, 1114, 426), CORAL)
    c.rect((1070, 382, 1132, 408), CORAL)
    # two people shaking hands in the middle
    g2 = 650
    _person(c, 520, g2, 300, CORAL, NAVY, cap="peci", arm_right=[(0.08, 0.14), (0.22, 0.22)])
    _person(c, 680, g2, 290, TEAL, NAVY, cap="hair", arm_left=[(-0.08, 0.14), (-0.22, 0.23)])
    c.circle(601, 489, 16, SKIN)  # the joined hands
    return c.finish()


def _family_shield() -> Image.Image:
    """A large shield sheltering a family of four."""
    c = _Canvas(SAND)
    _sun(c, 980, 140, 70)
    _cloud(c, 110, 120, 0.9)
    c.rect((0, 560, WIDTH, HEIGHT), TEAL_LIGHT)
    # shield
    cx, top = 600, 70
    outer = [
        (cx - 260, top + 40),
        (cx, top),
        (cx + 260, top + 40),
        (cx + 250, top + 300),
        (cx + 170, top + 440),
        (cx, top + 540),
        (cx - 170, top + 440),
        (cx - 250, top + 300),
    ]
    inner = [
        (cx - 228, top + 64),
        (cx, top + 30),
        (cx + 228, top + 64),
        (cx + 219, top + 292),
        (cx + 150, top + 420),
        (cx, top + 506),
        (cx - 150, top + 420),
        (cx - 219, top + 292),
    ]
    c.poly(outer, NAVY)
    c.poly(inner, TEAL)
    # family inside
    ground = 520
    _person(c, 480, ground, 250, CORAL, NAVY, cap="peci")
    _person(c, 720, ground, 235, SAND, NAVY, cap="hijab", skirt=True)
    _person(
        c, 560, ground, 150, WHITE, NAVY_LIGHT, cap="hair", arm_left=[(-0.1, 0.15), (-0.25, 0.25)]
    )
    _person(c, 640, ground, 125, CORAL_LIGHT, CORAL, cap="hair", skirt=True)
    c.rect((380, ground, 820, ground + 10), NAVY, radius=4)
    return c.finish()


def _market_stall() -> Image.Image:
    """Two market stalls with striped awnings and a vendor."""
    c = _Canvas(TEAL_PALE)
    _sun(c, 1080, 100, 55)
    ground = 590
    c.rect((0, ground, WIDTH, HEIGHT), SAND_DARK)

    def stall(x: float, w: float, stripe_a, stripe_b, goods: list) -> None:
        top = 200
        # posts
        c.rect((x + 12, top + 70, x + 26, ground), NAVY)
        c.rect((x + w - 26, top + 70, x + w - 12, ground), NAVY)
        # awning stripes
        n = 6
        sw = w / n
        for i in range(n):
            col = stripe_a if i % 2 == 0 else stripe_b
            c.poly(
                [
                    (x + i * sw + sw * 0.15, top),
                    (x + (i + 1) * sw - sw * 0.15 + sw * 0.3, top),
                    (x + (i + 1) * sw, top + 80),
                    (x + i * sw, top + 80),
                ],
                col,
            )
            c.chord((x + i * sw, top + 52, x + (i + 1) * sw, top + 108), 0, 180, col)
        c.rect((x + sw * 0.15, top - 12, x + w - sw * 0.15 + sw * 0.3, top + 2), NAVY, radius=5)
        # counter
        c.rect((x, 430, x + w, ground), WHITE)
        c.rect((x - 10, 416, x + w + 10, 436), NAVY, radius=6)
        c.rect((x + 20, 460, x + w - 20, 470), SAND)
        # produce piles on the counter
        gx = x + 40
        for color, r in goods:
            for k in range(3):
                c.circle(gx + k * r * 1.7, 416 - r, r, color)
            c.circle(gx + r * 1.7, 416 - r * 2.4, r, color)
            gx += r * 6 + 24

    stall(90, 420, CORAL, WHITE, [(CORAL, 20), (TEAL, 18), ((230, 180, 70), 20)])
    # vendor between the stalls
    _person(
        c,
        600,
        ground,
        290,
        TEAL,
        NAVY,
        cap="hijab",
        skirt=True,
        arm_right=[(0.08, 0.14), (0.16, 0.04)],
    )
    c.arc((528, 452, 578, 500), 180, 360, NAVY, 6)  # basket handle held in the left hand
    c.rect((522, 474, 584, 522), SAND_DARK, radius=8)
    c.rect((522, 486, 584, 492), CORAL_LIGHT)
    stall(690, 420, TEAL, WHITE, [(TEAL_LIGHT, 18), (CORAL_LIGHT, 20), (CORAL, 18)])
    return c.finish()


def _fishing_boat() -> Image.Image:
    """A small fishing boat on waves with islands of the archipelago behind."""
    c = _Canvas(TEAL_PALE)
    _sun(c, 930, 150, 80, CORAL_LIGHT)
    _cloud(c, 140, 110, 1.0)
    horizon = 380
    # islands
    c.chord((60, horizon - 70, 420, horizon + 70), 180, 360, SAND_DARK)
    c.chord((150, horizon - 110, 330, horizon + 30), 180, 360, TEAL)
    c.chord((760, horizon - 50, 1080, horizon + 50), 180, 360, SAND_DARK)
    c.chord((840, horizon - 80, 980, horizon + 10), 180, 360, TEAL)
    # palm on the left island
    c.line([(380, horizon - 18), (372, horizon - 90), (360, horizon - 140)], NAVY, 9)
    top = (360, horizon - 140)
    for dx, dy in ((-70, 20), (70, 24), (-40, 40), (44, 44), (-10, -30)):
        mid = (top[0] + dx * 0.55, top[1] + min(dy, 0) - 18)
        c.line([top, mid, (top[0] + dx, top[1] + dy)], TEAL, 12)
    # sea bands
    c.rect((0, horizon, WIDTH, HEIGHT), NAVY_LIGHT)
    for i, col in enumerate((NAVY_LIGHT, TEAL, NAVY_LIGHT, NAVY)):
        y = horizon + 70 + i * 62
        c.rect((0, y + 18, WIDTH, HEIGHT), col)
        for k in range(-1, 14):
            x = k * 100 + (i % 2) * 50
            c.chord((x, y, x + 100, y + 36), 180, 360, col)
    # boat (hull, outriggers, cabin, mast)
    bx, by = 600, 520
    c.poly(
        [(bx - 250, by - 40), (bx + 270, by - 40), (bx + 190, by + 30), (bx - 190, by + 30)], CORAL
    )
    c.rect((bx - 250, by - 52, bx + 270, by - 36), WHITE, radius=6)
    c.rect((bx - 60, by - 140, bx + 90, by - 52), WHITE, radius=10)
    c.rect((bx - 40, by - 122, bx + 6, by - 90), TEAL_LIGHT, radius=4)
    c.rect((bx + 24, by - 122, bx + 70, by - 90), TEAL_LIGHT, radius=4)
    c.rect((bx - 66, by - 152, bx + 96, by - 136), NAVY, radius=6)
    c.rect((bx - 160, by - 300, bx - 150, by - 52), NAVY)
    c.poly([(bx - 150, by - 290), (bx - 150, by - 130), (bx - 40, by - 160)], WHITE)
    # fisher with hat
    _person(
        c, bx + 180, by - 46, 150, TEAL, NAVY, cap="hat", arm_left=[(-0.1, 0.1), (-0.25, -0.05)]
    )
    # foreground wave over the hull bottom
    for k in range(-1, 14):
        x = k * 100 + 20
        c.chord((x, by + 14, x + 100, by + 50), 180, 360, NAVY)
    c.rect((0, by + 31, WIDTH, HEIGHT), NAVY)
    return c.finish()


def _mosque_worker() -> Image.Image:
    """A mosque silhouette with a caretaker sweeping the yard."""
    c = _Canvas(SAND)
    c.circle(1030, 120, 50, CORAL_LIGHT)
    c.circle(1052, 108, 44, SAND)  # crescent-like moon from two circles
    ground = 560
    # mosque
    c.rect((300, 330, 900, ground), TEAL)
    c.chord((430, 140, 770, 480), 180, 360, TEAL)
    c.rect((596, 100, 604, 150), NAVY)
    c.circle(600, 96, 10, CORAL)
    c.rect((300, 322, 900, 340), NAVY)
    for i in range(5):
        x = 350 + i * 110
        c.rect((x, 390, x + 50, ground), TEAL_PALE)
        c.chord((x, 362, x + 50, 420), 180, 360, TEAL_PALE)
    # minarets
    for mx in (200, 980):
        c.rect((mx, 230, mx + 46, ground), NAVY)
        c.rect((mx - 10, 262, mx + 56, 280), TEAL)
        c.poly([(mx - 4, 232), (mx + 23, 160), (mx + 50, 232)], TEAL)
    c.rect((0, ground, WIDTH, HEIGHT), SAND_DARK)
    c.rect((0, ground, WIDTH, ground + 12), TEAL_LIGHT)
    # caretaker (marbot) with a broom
    px = 760
    _person(
        c,
        px,
        660,
        250,
        WHITE,
        NAVY,
        cap="peci",
        arm_right=[(0.1, 0.14), (0.18, 0.22)],
        arm_left=[(-0.02, 0.16), (0.08, 0.3)],
    )
    c.line([(px + 40, 420), (px + 122, 636)], NAVY, 8)
    c.poly([(px + 100, 626), (px + 145, 612), (px + 170, 662), (px + 108, 668)], CORAL)
    c.circle(px + 72, 524, 9, SKIN)  # hand over the handle
    # a teacher with a book on the left (guru mengaji)
    _person(
        c,
        330,
        660,
        235,
        CORAL,
        NAVY,
        cap="hijab",
        skirt=True,
        arm_right=[(0.1, 0.14), (0.16, 0.1)],
        arm_left=[(-0.02, 0.15), (0.1, 0.12)],
    )
    c.rect((370, 476, 426, 516), WHITE, radius=4)
    c.rect((396, 476, 400, 516), TEAL)
    c.circle(393, 504, 9, SKIN)
    return c.finish()


def _jht_savings() -> Image.Image:
    """Growing stacks of coins with a sprout, and an older couple: old-age savings."""
    c = _Canvas(TEAL_PALE)
    _sun(c, 1050, 120, 60)
    ground = 580
    c.rect((0, ground, WIDTH, HEIGHT), TEAL)
    c.rect((0, ground, WIDTH, ground + 14), TEAL_LIGHT)
    coin = (232, 186, 92)
    coin_edge = (200, 150, 70)
    # stacks of increasing height
    for i, n in enumerate((2, 4, 6, 8)):
        x = 150 + i * 130
        for k in range(n):
            y = ground - 26 - k * 30
            c.ellipse((x, y, x + 100, y + 30), coin_edge)
            c.rect((x, y + 4, x + 100, y + 16), coin_edge)
            c.ellipse((x, y - 10, x + 100, y + 18), coin)
    # sprout on the tallest stack
    sx, sy = 590, ground - 26 - 7 * 30 - 6
    c.line([(sx, sy), (sx, sy - 90)], TEAL, 10)
    c.poly([(sx, sy - 60), (sx - 70, sy - 110), (sx - 10, sy - 130)], TEAL)
    c.poly([(sx, sy - 80), (sx + 70, sy - 140), (sx + 14, sy - 150)], TEAL)
    # older couple on the right
    _person(
        c,
        850,
        ground + 40,
        270,
        NAVY_LIGHT,
        NAVY,
        cap="peci",
        arm_right=[(0.08, 0.16), (0.14, 0.32)],
    )
    c.line([(850 + 0.13 * 270 + 40, 430), (850 + 0.13 * 270 + 44, ground + 40)], NAVY, 8)
    c.arc((850 + 0.13 * 270 + 10, 414, 850 + 0.13 * 270 + 50, 454), 180, 360, NAVY, 8)
    _person(c, 1000, ground + 40, 250, CORAL, NAVY, cap="hijab", skirt=True)
    return c.finish()


def _hospital_care() -> Image.Image:
    """A hospital with a medical cross; a worker with an arm sling walks in, helped."""
    c = _Canvas(SAND)
    _cloud(c, 90, 100, 0.9)
    _cloud(c, 900, 80, 0.7)
    ground = 590
    _hospital(c, 360, ground, 560, 350)
    c.rect((0, ground, WIDTH, HEIGHT), NAVY_LIGHT)
    c.rect((0, ground, WIDTH, ground + 10), SAND_DARK)
    # path to the door
    c.poly([(598, ground), (682, ground), (760, HEIGHT), (520, HEIGHT)], SAND_DARK)
    # injured worker with sling, nurse beside
    wx, wg, wh = 210, ground + 40, 260
    # crutch under the worker's left arm (drawn first, behind the body)
    c.line([(wx - 52, 410), (wx - 64, wg)], WHITE, 10)
    c.rect((wx - 74, 400, wx - 30, 412), WHITE, radius=5)
    p = _person(c, wx, wg, wh, TEAL, NAVY, cap="hair", arm_left=[(-0.06, 0.16), (-0.08, 0.3)])
    hx, hy = p["head"]
    c.rect((hx - 23, hy - 12, hx + 23, hy + 2), WHITE, radius=4)  # head bandage
    c.rect(
        (wx + 0.04 * wh, wg - 0.42 * wh - 6, wx + 0.13 * wh, wg - 0.42 * wh + 70), WHITE, radius=6
    )  # leg wrap
    _person(
        c,
        330,
        wg,
        250,
        WHITE,
        TEAL,
        cap="hijab",
        skirt=True,
        arm_left=[(-0.1, 0.12), (-0.22, 0.16)],
    )
    return c.finish()


def _ojek_road() -> Image.Image:
    """A motorcycle-taxi rider on a scooter; a hospital waits down the road."""
    c = _Canvas(TEAL_PALE)
    _sun(c, 160, 120, 55)
    _cloud(c, 420, 90, 0.8)
    horizon = 400
    # hospital in the distance
    c.rect((0, horizon - 60, WIDTH, horizon), TEAL_LIGHT)
    _hospital(c, 860, horizon, 240, 200)
    c.rect((0, horizon, WIDTH, HEIGHT), SAND_DARK)
    # road in perspective, a lighter asphalt so the scooter stands out
    asphalt = (120, 140, 160)
    c.poly(
        [
            (560, horizon),
            (700, horizon),
            (1200, 600),
            (1200, HEIGHT),
            (0, HEIGHT),
            (0, 640),
            (520, horizon),
        ],
        asphalt,
    )
    for i in range(5):
        t0 = i / 5 + 0.04
        t1 = t0 + 0.1
        y0 = horizon + (HEIGHT - horizon) * t0 * t0
        y1 = horizon + (HEIGHT - horizon) * t1 * t1
        x0 = 625 + 160 * t0 * t0
        x1 = 625 + 160 * t1 * t1
        w0, w1 = 2 + 10 * t0, 2 + 10 * t1
        c.poly([(x0 - w0, y0), (x0 + w0, y0), (x1 + w1, y1), (x1 - w1, y1)], WHITE)
    # scooter, side view facing right
    mx, my = 360, 600
    for wx in (mx - 140, mx + 140):
        c.circle(wx, my, 50, NAVY)
        c.circle(wx, my, 22, SAND)
    c.chord((mx - 205, my - 120, mx - 20, my + 20), 180, 360, CORAL)  # rear body
    c.rect((mx - 205, my - 52, mx - 20, my - 28), CORAL)
    c.rect((mx - 40, my - 52, mx + 80, my - 28), NAVY, radius=8)  # footboard
    c.poly(
        [
            (mx + 60, my - 28),
            (mx + 60, my - 60),
            (mx + 96, my - 180),
            (mx + 140, my - 180),
            (mx + 130, my - 60),
            (mx + 176, my - 28),
        ],
        CORAL,
    )  # front apron and mudguard
    c.line([(mx + 120, my - 150), (mx + 140, my)], NAVY, 12)  # fork
    c.line([(mx + 92, my - 196), (mx + 160, my - 204)], NAVY, 12)  # handlebar
    c.circle(mx + 158, my - 150, 14, WHITE)  # headlamp
    c.rect((mx - 175, my - 132, mx - 25, my - 106), NAVY, radius=12)  # seat
    # rider: seated, feet on the footboard, hands on the bar
    rx = mx - 95
    c.line(
        [(rx + 20, my - 118), (rx + 100, my - 122), (rx + 112, my - 60)], NAVY, 30
    )  # thigh and shin
    c.rect((rx + 96, my - 66, rx + 150, my - 48), NAVY, radius=6)  # shoe
    c.rect((rx - 38, my - 250, rx + 48, my - 110), TEAL, radius=28)  # jacket
    c.line([(rx + 24, my - 226), (rx + 110, my - 196), (rx + 176, my - 200)], TEAL, 22)  # arm
    c.circle(rx + 178, my - 200, 13, SKIN)
    c.circle(rx + 8, my - 284, 34, SKIN)
    c.chord((rx - 34, my - 330, rx + 50, my - 246), 180, 360, CORAL)  # helmet
    c.rect((rx - 34, my - 292, rx + 50, my - 278), CORAL)
    c.rect((rx + 20, my - 290, rx + 52, my - 268), NAVY, radius=6)  # visor
    return c.finish()


def _deadline_clock() -> Image.Image:
    """A wall calendar with two days marked and a clock: report on time."""
    c = _Canvas(TEAL_PALE)
    # calendar
    x0, y0, x1, y1 = 180, 120, 660, 590
    c.rect((x0 + 12, y0 + 14, x1 + 12, y1 + 14), TEAL_LIGHT, radius=24)
    c.rect((x0, y0, x1, y1), WHITE, radius=24)
    c.rect((x0, y0, x1, y0 + 100), CORAL, radius=24)
    c.rect((x0, y0 + 70, x1, y0 + 100), CORAL)
    for rx in (x0 + 110, x1 - 110):
        c.rect((rx - 10, y0 - 30, rx + 10, y0 + 30), NAVY, radius=10)
    cols, rows = 7, 5
    gw = (x1 - x0 - 60) / cols
    gh = (y1 - y0 - 150) / rows
    for r in range(rows):
        for k in range(cols):
            bx = x0 + 30 + k * gw
            by = y0 + 124 + r * gh
            color = SAND
            if r == 2 and k in (3, 4):
                color = TEAL
            c.rect((bx + 6, by + 6, bx + gw - 6, by + gh - 6), color, radius=8)
    # bracket joining the two marked days
    bx = x0 + 30 + 3 * gw + 6
    by = y0 + 124 + 2 * gh
    c.rect((bx - 6, by, bx + 2 * gw - 6, by + gh), None, radius=12, outline=CORAL, width=8)
    # clock
    cx, cy, r = 880, 360, 200
    c.circle(cx + 12, cy + 14, r, TEAL_LIGHT)
    c.circle(cx, cy, r, NAVY)
    c.circle(cx, cy, r - 26, WHITE)
    c.pieslice((cx - r + 40, cy - r + 40, cx + r - 40, cy + r - 40), -90, 30, CORAL_LIGHT)
    for i in range(12):
        a = math.radians(i * 30)
        r0 = r - 46 if i % 3 else r - 62
        c.line(
            [
                (cx + math.sin(a) * r0, cy - math.cos(a) * r0),
                (cx + math.sin(a) * (r - 36), cy - math.cos(a) * (r - 36)),
            ],
            NAVY,
            8,
        )
    c.line([(cx, cy), (cx, cy - 120)], NAVY, 16)
    c.line([(cx, cy), (cx + 90, cy + 52)], CORAL, 14)
    c.circle(cx, cy, 16, NAVY)
    return c.finish()


def _no_fee() -> Image.Image:
    """Money held out with a big 'not allowed' sign over it: the service is free."""
    c = _Canvas(SAND)
    c.rect((0, 560, WIDTH, HEIGHT), TEAL_LIGHT)
    # banknotes fanned out
    note = (150, 200, 170)
    note_dark = (110, 165, 135)
    for i, (dx, dy) in enumerate(((-40, 40), (-10, 10), (20, -20))):
        x, y = 330 + dx, 250 + dy
        c.rect((x, y, x + 420, y + 210), note_dark if i % 2 else note, radius=14)
        c.rect((x + 18, y + 18, x + 402, y + 192), None, radius=10, outline=WHITE, width=5)
        c.circle(x + 210, y + 105, 52, WHITE)
        c.circle(x + 210, y + 105, 34, note_dark if i % 2 else note)
    # hand holding the notes (from the left)
    c.rect((120, 440, 360, 520), SKIN, radius=40)
    c.rect((260, 410, 420, 470), SKIN, radius=30)
    c.rect((0, 446, 160, 536), CORAL, radius=20)
    # prohibition sign
    cx, cy, r = 600, 330, 250
    c.circle(cx, cy, r, None, outline=CORAL, width=46)
    a = math.radians(45)
    c.line(
        [
            (cx - math.cos(a) * (r - 22), cy - math.sin(a) * (r - 22)),
            (cx + math.cos(a) * (r - 22), cy + math.sin(a) * (r - 22)),
        ],
        CORAL,
        46,
        joint=None,
    )
    # shield on the right: protection is free
    sx, sy = 1010, 330
    c.poly(
        [
            (sx - 90, sy - 110),
            (sx, sy - 140),
            (sx + 90, sy - 110),
            (sx + 80, sy + 20),
            (sx, sy + 110),
            (sx - 80, sy + 20),
        ],
        TEAL,
    )
    _check(c, sx, sy - 20, 50, TEAL, WHITE)
    return c.finish()


def _phone_check() -> Image.Image:
    """A hand holding a phone whose screen shows a big check mark, next to a member card."""
    c = _Canvas(TEAL_PALE)
    c.circle(1000, 560, 260, TEAL_LIGHT)
    c.circle(170, 110, 120, SAND)
    # member card (no text: stripes and a photo box)
    cx0, cy0 = 700, 190
    c.rect((cx0 + 10, cy0 + 12, cx0 + 400, cy0 + 262), TEAL_LIGHT, radius=22)
    c.rect((cx0, cy0, cx0 + 390, cy0 + 250), WHITE, radius=22)
    c.rect((cx0, cy0, cx0 + 390, cy0 + 64), TEAL, radius=22)
    c.rect((cx0, cy0 + 40, cx0 + 390, cy0 + 64), TEAL)
    c.rect((cx0 + 28, cy0 + 92, cx0 + 128, cy0 + 214), SAND, radius=10)
    c.circle(cx0 + 78, cy0 + 136, 24, SKIN)
    c.chord((cx0 + 40, cy0 + 162, cx0 + 116, cy0 + 250), 180, 360, NAVY_LIGHT)
    c.rect((cx0 + 28, cy0 + 200, cx0 + 128, cy0 + 214), SAND)
    for i, w in enumerate((210, 170, 190)):
        c.rect(
            (cx0 + 152, cy0 + 100 + i * 38, cx0 + 152 + w, cy0 + 118 + i * 38), TEAL_PALE, radius=9
        )
    # phone
    px0, py0, px1, py1 = 330, 80, 610, 640
    c.rect((px0 + 14, py0 + 16, px1 + 14, py1 + 16), TEAL_LIGHT, radius=42)
    c.rect((px0, py0, px1, py1), NAVY, radius=42)
    c.rect((px0 + 20, py0 + 60, px1 - 20, py1 - 60), WHITE, radius=14)
    c.rect((px0 + 110, py0 + 24, px1 - 110, py0 + 36), NAVY_LIGHT, radius=6)
    _check(c, (px0 + px1) / 2, 300, 95, TEAL, WHITE)
    for i, w in enumerate((180, 140)):
        c.rect(
            ((px0 + px1) / 2 - w / 2, 440 + i * 40, (px0 + px1) / 2 + w / 2, 458 + i * 40),
            TEAL_PALE,
            radius=9,
        )
    # hand holding it from below
    c.rect((300, 470, 360, 600), SKIN, radius=28)
    c.rect((580, 470, 640, 580), SKIN, radius=28)
    c.rect((330, 560, 620, 675), SKIN, radius=50)
    c.rect((300, 640, 660, 675), CORAL)
    return c.finish()


_COVERS: dict[str, Callable[[], Image.Image]] = {
    "primaya-signing": _primaya_signing,
    "family-shield": _family_shield,
    "market-stall": _market_stall,
    "fishing-boat": _fishing_boat,
    "mosque-worker": _mosque_worker,
    "jht-savings": _jht_savings,
    "hospital-care": _hospital_care,
    "ojek-road": _ojek_road,
    "deadline-clock": _deadline_clock,
    "no-fee": _no_fee,
    "phone-check": _phone_check,
}

#: Every cover name an article may use.
COVER_NAMES: tuple[str, ...] = tuple(_COVERS)


def draw_cover(name: str) -> Image.Image:
    """Return the 1200x675 RGB illustration called `name` (KeyError if unknown)."""
    try:
        painter = _COVERS[name]
    except KeyError:
        raise KeyError(f"unknown cover {name!r}; known: {', '.join(COVER_NAMES)}") from None
    image = painter()
    if image.size != (WIDTH, HEIGHT) or image.mode != "RGB":
        raise RuntimeError(f"cover {name!r} came out {image.size} {image.mode}")
    return image


# Lossless, so the committed file decodes to exactly the drawn pixels; method 4 keeps a full run
# to a few seconds while the files stay small (flat colours).
WEBP_OPTIONS = {"lossless": True, "quality": 80, "method": 4}
COVERS_DIR = Path(__file__).resolve().parents[1] / "site" / "lindungi" / "demo" / "covers"


def write_covers(folder: Path, names: Sequence[str] = COVER_NAMES) -> list[Path]:
    """Draw `names` into `folder` as <name>.webp; return the files written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name in names:
        path = folder / f"{name}.webp"
        draw_cover(name).save(path, "WEBP", **WEBP_OPTIONS)
        written.append(path)
    return written


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", metavar="NAME", help="covers to draw (default: all)")
    parser.add_argument(
        "--out", type=Path, default=COVERS_DIR, help="where to write (default: %(default)s)"
    )
    args = parser.parse_args(argv)
    unknown = [name for name in args.names if name not in COVER_NAMES]
    if unknown:
        parser.error(f"unknown cover(s) {', '.join(unknown)}; known: {', '.join(COVER_NAMES)}")
    for path in write_covers(args.out, args.names or COVER_NAMES):
        print(f"{path} ({path.stat().st_size // 1024} KiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
