// Read .ics files as Thunderbird and web calendars do (ical.js): print every VEVENT's UTC instants.
// Usage: node icaljs_instants.js FILE...  →  JSON {FILE: [{uid, start, end}, ...]} (Unix seconds).
"use strict";
const fs = require("fs");
const ICAL = require("ical.js");

const out = {};
for (const path of process.argv.slice(2)) {
  ICAL.TimezoneService.reset();
  const root = new ICAL.Component(ICAL.parse(fs.readFileSync(path, "utf8")));
  // Clients register the file's own VTIMEZONEs before reading the times that name them.
  for (const vtimezone of root.getAllSubcomponents("vtimezone")) {
    ICAL.TimezoneService.register(vtimezone);
  }
  out[path] = root.getAllSubcomponents("vevent").map((vevent) => {
    const event = new ICAL.Event(vevent);
    return { uid: event.uid, start: event.startDate.toUnixTime(), end: event.endDate.toUnixTime() };
  });
}
process.stdout.write(JSON.stringify(out));
