"""Supplier and social-entrepreneur profiles, the directory, interest and input on needs."""
