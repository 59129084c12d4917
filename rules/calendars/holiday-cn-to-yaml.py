#!/usr/bin/env python3
"""Converts a holiday-cn JSON year (https://github.com/NateScarlet/holiday-cn) into a calendar file.

Not a build step: the committed YAML under rules/calendars/ is the source of truth. Use it when a new
year is published, then check the output against the State Council notice and fill in its number.

    rules/calendars/holiday-cn-to-yaml.py 2027.json > rules/calendars/cn-mainland/2027.yaml
"""
import datetime
import json
import sys

# 国办发明电 numbers of the notices, from the notices themselves; a year left out gets a placeholder to fill in.
NUMBERS = {
    2021: "国办发明电〔2020〕27号",
    2022: "国办发明电〔2021〕11号",
    2023: "国办发明电〔2022〕16号",
    2024: "国办发明电〔2023〕7号",
    2025: "国办发明电〔2024〕12号",
}
WEEKDAYS = "一二三四五六日"


def main(path):
    data = json.load(open(path, encoding="utf-8"))
    year = data["year"]
    out = ["version: 1", "calendar: cn-mainland", f"year: {year}", "notice:",
           f"  title: 国务院办公厅关于{year}年部分节假日安排的通知"]
    if year in NUMBERS:
        out.append(f"  number: {NUMBERS[year]}")
    for url in data["papers"][:1]:
        out.append(f"  url: {url}")
    outside = [d for d in data["days"] if not d["date"].startswith(f"{year}-")]
    for kind, off in (("daysOff", True), ("workingDays", False)):
        out.append(f"{kind}:")
        for d in data["days"]:
            if d["isOffDay"] != off or d in outside:
                continue
            weekday = WEEKDAYS[datetime.date.fromisoformat(d["date"]).weekday()]
            out.append(f"  - {{ date: {d['date']}, name: {d['name']} }}  # 周{weekday}")
    for d in outside:
        # A file holds its own year only; the neighbouring year's file (or its weekend) covers these.
        weekday = WEEKDAYS[datetime.date.fromisoformat(d["date"]).weekday()]
        out.append(f"# The notice also names {d['date']} (周{weekday}, {d['name']}, {'off' if d['isOffDay'] else 'working'}),"
                   f" which is not in {year}: a file lists its own year only.")
    print("\n".join(out))


if __name__ == "__main__":
    main(sys.argv[1])
