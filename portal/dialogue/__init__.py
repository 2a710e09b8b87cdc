"""Market dialogue: events on a need, conference registration, one-to-one meetings, Q&A."""
