"""The slant layer: which sentences are opinion, and the words and techniques that lean, each with its owner."""
