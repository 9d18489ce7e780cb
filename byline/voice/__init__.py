"""Whose voice each sentence is in: attributed speech, the outlet's own, or a mix (from the attribution layer)."""
