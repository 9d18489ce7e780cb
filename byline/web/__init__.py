"""byline.web"""
