"""Min side: the supplier's and the buyer's overview."""
