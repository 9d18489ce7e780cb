"""The accurate attribution tagger: a small pretrained encoder fine-tuned on PolNeAR (``--accurate``)."""
