"""Attribution: every quote and reported statement with its cue, content, speaker, chain and hedges."""
