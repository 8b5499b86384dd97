#!/usr/bin/env python3
"""Makes the README's screenshots from real runs of `amofiles demo` in tmux.

Each picture is a tmux pane captured with its colours (`capture-pane -e`) and
drawn cell by cell into a PNG, so what you see is what the program wrote.

Needs tmux, Pillow (`pip install pillow`) and the DejaVu fonts
(`apt-get install fonts-dejavu-core`). Run from anywhere:

    python3 screenshots/make.py            # builds the debug binary if missing
    python3 screenshots/make.py --binary .build/release/amofiles
"""
import argparse, importlib.util, json, os, re, shutil, subprocess, sys, tempfile, time, unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(ROOT, "Benchmarks"))
from harness import Emulator  # noqa: E402  (the same emulator starter as the benchmarks)
COLUMNS, ROWS = 120, 32


class Tmux:
    """One pane on a private tmux server, so a user's tmux and config play no part."""

    def __init__(self, command, env):
        self.base = ["tmux", "-L", f"amofiles-shots-{os.getpid()}", "-f", "/dev/null"]
        # The server tmux forks must not hold our pipes open, or we would wait on it forever.
        subprocess.run(self.base + ["new-session", "-d", "-s", "shots", "-x", str(COLUMNS), "-y", str(ROWS), command],
                       env=env, check=True, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL, start_new_session=True)

    def send(self, *keys):
        subprocess.run(self.base + ["send-keys", "-t", "shots", *keys], check=True)

    def type(self, text):
        self.send("-l", text)

    def capture(self, colours=False):
        flags = ["-p", "-N"] + (["-e"] if colours else [])
        return subprocess.run(self.base + ["capture-pane", "-t", "shots", *flags],
                              check=True, capture_output=True, text=True).stdout

    def wait(self, what, test=None, timeout=60):
        test = test or (lambda screen: what in screen)
        deadline = time.time() + timeout
        while time.time() < deadline:
            screen = self.capture()
            if test(screen):
                return screen
            time.sleep(0.1)
        sys.exit(f"timed out waiting for {what!r}; the screen was:\n{self.capture()}")

    def close(self):
        subprocess.run(self.base + ["kill-server"], stderr=subprocess.DEVNULL)


# ---- drawing a captured pane ----

PALETTE = ["#1d1f21", "#cc6666", "#b5bd68", "#f0c674", "#81a2be", "#b294bb", "#8abeb7", "#c5c8c6",
           "#666666", "#d54e53", "#b9ca4a", "#e7c547", "#7aa6da", "#c397d8", "#70c0b1", "#eaeaea"]
FOREGROUND, BACKGROUND = "#c5c8c6", "#1d1f21"
SGR = re.compile(r"\x1b\[([0-9;:]*)m")


def colour256(n):
    if n < 16:
        return PALETTE[n]
    if n < 232:
        n -= 16
        steps = [0, 95, 135, 175, 215, 255]
        return "#%02x%02x%02x" % (steps[n // 36], steps[n // 6 % 6], steps[n % 6])
    level = 8 + 10 * (n - 232)
    return "#%02x%02x%02x" % (level, level, level)


class Style:
    def __init__(self):
        self.fg = self.bg = None
        self.bold = self.dim = self.reverse = self.underline = False

    def copy(self):
        other = Style()
        other.__dict__.update(self.__dict__)
        return other

    def apply(self, parameters):
        codes = [int(p) if p else 0 for p in re.split(r"[;:]", parameters)] or [0]
        index = 0
        while index < len(codes):
            code = codes[index]
            if code == 0:
                self.__init__()
            elif code == 1:
                self.bold = True
            elif code == 2:
                self.dim = True
            elif code == 22:
                self.bold = self.dim = False
            elif code == 4:
                self.underline = True
            elif code == 24:
                self.underline = False
            elif code == 7:
                self.reverse = True
            elif code == 27:
                self.reverse = False
            elif 30 <= code <= 37:
                self.fg = PALETTE[code - 30]
            elif 90 <= code <= 97:
                self.fg = PALETTE[code - 90 + 8]
            elif code == 39:
                self.fg = None
            elif 40 <= code <= 47:
                self.bg = PALETTE[code - 40]
            elif 100 <= code <= 107:
                self.bg = PALETTE[code - 100 + 8]
            elif code == 49:
                self.bg = None
            elif code in (38, 48) and index + 1 < len(codes):
                if codes[index + 1] == 5 and index + 2 < len(codes):
                    value, index = colour256(codes[index + 2]), index + 2
                elif codes[index + 1] == 2 and index + 4 < len(codes):
                    value, index = "#%02x%02x%02x" % tuple(codes[index + 2:index + 5]), index + 4
                else:
                    value = None
                if code == 38:
                    self.fg = value
                else:
                    self.bg = value
            index += 1


def cells(captured):
    """The pane as rows of (text, style, width) cells; a wide character takes two columns."""
    style, rows = Style(), []
    for line in captured.split("\n")[:ROWS]:
        row, position = [], 0
        for piece in re.split(r"(\x1b\[[0-9;:]*m)", line):
            match = SGR.fullmatch(piece)
            if match:
                style.apply(match.group(1))
                continue
            for character in piece:
                if unicodedata.combining(character) and row:
                    text, cell_style, width = row[-1]
                    row[-1] = (text + character, cell_style, width)
                    continue
                width = 2 if unicodedata.east_asian_width(character) in ("W", "F") else 1
                row.append((character, style.copy(), width))
                position += width
        rows.append(row)
    return rows


def render(captured, path):
    from PIL import Image, ImageDraw, ImageFont
    fonts = "/usr/share/fonts/truetype/"
    try:
        regular = ImageFont.truetype(fonts + "dejavu/DejaVuSansMono.ttf", 16)
        bold = ImageFont.truetype(fonts + "dejavu/DejaVuSansMono-Bold.ttf", 16)
        fallbacks = [ImageFont.truetype(fonts + "dejavu/DejaVuSans.ttf", 15)]
    except OSError:
        sys.exit("the DejaVu fonts are missing: apt-get install fonts-dejavu-core")
    try:  # the demo has Chinese and Japanese names
        fallbacks.append(ImageFont.truetype(fonts + "wqy/wqy-microhei.ttc", 16))
    except OSError:
        print("warning: no CJK font, those names show as boxes (apt-get install fonts-wqy-microhei)")
    def has(font, character):  # a missing glyph draws as the font's own "missing" box
        return bytes(font.getmask(character)) != bytes(font.getmask("\ue000"))

    def font_for(character, bold_wanted):
        font = bold if bold_wanted else regular
        return font if has(font, character) else next((other for other in fallbacks if has(other, character)), font)
    width, (ascent, descent) = round(regular.getlength("M")), regular.getmetrics()
    height, margin = ascent + descent + 2, 12
    image = Image.new("RGB", (COLUMNS * width + 2 * margin, ROWS * height + 2 * margin), BACKGROUND)
    draw = ImageDraw.Draw(image)
    for y, row in enumerate(cells(captured)):
        x = 0
        for text, style, cell_width in row:
            fg, bg = style.fg or FOREGROUND, style.bg or BACKGROUND
            if style.reverse:
                fg, bg = bg, fg
            if style.dim:
                fg = blend(fg, bg)
            left, top = margin + x * width, margin + y * height
            draw.rectangle([left, top, left + cell_width * width - 1, top + height - 1], fill=bg)
            if text != " ":
                draw.text((left, top + 1), text, font=font_for(text[0], style.bold), fill=fg)
            if style.underline:
                draw.line([left, top + height - 2, left + cell_width * width - 1, top + height - 2], fill=fg)
            x += cell_width
    image.save(path, optimize=True)


def blend(a, b):
    pairs = zip((int(a[i:i + 2], 16) for i in (1, 3, 5)), (int(b[i:i + 2], 16) for i in (1, 3, 5)))
    return "#%02x%02x%02x" % tuple((x + y) // 2 for x, y in pairs)


# ---- the scenes ----

def pick_versioned_file(binary):
    """The name of a demo file with four versions or more and a name no other file has."""
    emulator = Emulator(binary, "--seed", "demo")
    try:
        def cli(*arguments):
            output = subprocess.run([binary, *arguments, "--json"], env=emulator.env, check=True,
                                    capture_output=True, text=True).stdout
            return json.loads(output)

        files = cli("ls", "--all")["_embedded"]["files"]
        names = [file["name"] for file in files]
        for file in files:
            if file.get("has_multiple_versions") and names.count(file["name"]) == 1:
                versions = cli("versions", file["uuid"])["_embedded"]["versions"]
                if len(versions) >= 4:
                    return file["name"]
        sys.exit("the demo has no file with four versions")
    finally:
        emulator.stop()


def shoot(tmux, name, settle=0.4):
    time.sleep(settle)  # let the last frame land
    path = os.path.join(HERE, name)
    render(tmux.capture(colours=True), path)
    print(f"wrote {os.path.relpath(path, ROOT)}")


def scenes(tmux, versioned):
    tmux.wait("the first page", lambda screen: " 100 files loaded" in screen)

    # Files with a filter: PDFs over 1 MB, the cursor a few rows down, details beside the list.
    tmux.send("f")
    tmux.wait("Extensions")
    tmux.type("pdf")
    tmux.send("Down")
    tmux.type("1MB")
    tmux.send("Enter")
    tmux.wait("the filtered list", lambda screen: "Filter:" in screen and "Extensions" not in screen)
    tmux.send("j", "j", "i")
    tmux.wait("the details", lambda screen: "UUID" in screen or "uuid" in screen)
    shoot(tmux, "files-filter.png")
    tmux.send("i")
    tmux.send("c")
    tmux.wait("the filter cleared", lambda screen: "Filter:" not in screen and " 100 files loaded" in screen)

    # Versions of a file with several.
    tmux.send("/")
    tmux.type(versioned)
    tmux.wait("only that file", lambda screen: " 1 file" in screen)
    tmux.send("Enter")
    tmux.send("v")
    tmux.wait("the versions", lambda screen: re.search(r" \d+ versions · ", screen) is not None)
    tmux.send("j")
    shoot(tmux, "versions.png")
    tmux.send("Escape")
    tmux.wait("the versions closed", lambda screen: "Versions of" not in screen)

    # The attach form of the same file's links, searching leads by part of a Russian name.
    tmux.send("l")
    tmux.wait("Links of ")
    tmux.send("a")
    tmux.wait("Name or id:")
    tmux.type("обуч")
    tmux.wait("Корпоративное обучение персонала")
    shoot(tmux, "links-attach.png")
    tmux.send("Escape")
    tmux.wait("the form closed", lambda screen: "Name or id:" not in screen)
    tmux.send("Escape")
    tmux.wait("the links closed", lambda screen: "Links of " not in screen)
    tmux.send("c")
    tmux.wait("the search cleared", lambda screen: "Filter:" not in screen and " 100 files loaded" in screen)

    # A record's screen: the file in its "Договор" field and in its notes, then its linked files.
    tmux.send(":")
    tmux.type("lead 22859101")
    tmux.send("Enter")
    tmux.wait("the lead's field and notes", lambda screen: "field “Договор”" in screen and " in notes" in screen)
    shoot(tmux, "record.png")
    tmux.send("Escape")
    tmux.wait("back on Files", lambda screen: "Files of lead" not in screen)

    # Transfers mid-upload: three local files from the picker.
    tmux.send("U")
    tmux.wait("Upload from ")
    tmux.wait("price-list-2027.xlsx")
    tmux.send("j", "Space", "Space", "Space")  # past ".."
    tmux.wait("3 marked")
    tmux.send("Enter")
    tmux.send("3")
    tmux.wait("the bars moving", lambda screen: re.search(r"\b[1-9]\d?%", screen) is not None)
    time.sleep(2)
    shoot(tmux, "transfers.png", settle=0)
    tmux.wait("the uploads done", lambda screen: "3/3 done" in screen, timeout=180)

    # The trash.
    tmux.send("2")
    tmux.wait("the trash", lambda screen: "PURGE IN" in screen and "loading" not in screen)
    tmux.send("j", "j", "j")
    shoot(tmux, "trash.png")
    tmux.send("q")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--binary", default=os.path.join(ROOT, ".build/debug/amofiles"))
    parser.add_argument("--latency", type=int, default=120,
                        help="milliseconds the demo waits before each answer, so uploads take long enough to see")
    arguments = parser.parse_args()
    if importlib.util.find_spec("PIL") is None:
        sys.exit("Pillow is missing: pip install pillow")
    if not shutil.which("tmux"):
        sys.exit("tmux is missing: apt-get install tmux")
    binary = os.path.abspath(arguments.binary)
    if not os.path.exists(binary):
        subprocess.run(["swift", "build", "--product", "amofiles"], cwd=ROOT, check=True)

    folder = tempfile.mkdtemp(prefix="amofiles-shots-")
    tmux = None
    try:
        versioned = pick_versioned_file(binary)
        uploads = os.path.join(folder, "uploads")
        os.makedirs(uploads)
        for name, mebibytes in [("price-list-2027.xlsx", 9), ("warehouse-photos.zip", 24), ("site-survey.mp4", 40)]:
            with open(os.path.join(uploads, name), "wb") as handle:
                handle.write(os.urandom(mebibytes << 20))
        env = dict(os.environ, LANG="C.UTF-8", XDG_STATE_HOME=os.path.join(folder, "state"),
                   XDG_CONFIG_HOME=os.path.join(folder, "config"))
        env.pop("NO_COLOR", None)
        tmux = Tmux(f"cd {uploads} && {binary} demo --latency {arguments.latency}", env)
        scenes(tmux, versioned)
    finally:
        if tmux:
            tmux.close()
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
