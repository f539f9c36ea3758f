"""Regenerates strokes.txt from Debian's unicode-data package (apt-get install unicode-data)."""
import bz2
import collections

SOURCE = "/usr/share/unicode/Unihan_IRGSources.txt.bz2"

by_count = collections.defaultdict(list)
with bz2.open(SOURCE, "rt", encoding="utf-8") as f:
    for line in f:
        if "\tkTotalStrokes\t" not in line:
            continue
        code, _, value = line.rstrip("\n").split("\t")
        by_count[int(value.split()[0])].append(chr(int(code[2:], 16)))

with open("strokes.txt", "w", encoding="utf-8") as out:
    out.write("# Total stroke counts (first kTotalStrokes value, zh-Hans) from Unihan 15.0.0 (Debian unicode-data 15.0.0-1).\n")
    out.write("# One line per count: COUNT<TAB>characters. Generated; see README.md beside this file.\n")
    for count in sorted(by_count):
        out.write(f"{count}\t" + "".join(by_count[count]) + "\n")
