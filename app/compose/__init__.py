"""The logic of writing a status, free of any screen: counting characters as the server does, what a reply,
an edit or a redraft starts from, the $EDITOR round trip, schedule parsing, and posting a draft safely
(media first, one Idempotency-Key per draft, the draft deleted only once the server confirmed)."""
