"""Saved searches and alerts: new matching needs (or suppliers) in the portal, by e-mail and as Atom."""
