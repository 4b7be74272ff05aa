"""The civility lab: training the screen's model and measuring the screen, kept out of the product.

The screen itself (comments/civility/) runs on the standard library alone; everything that
needs the training extra (numpy, scipy, scikit-learn), labelled data or the public baselines
lives here, so nothing of it ships in the runtime package or loads with a request.
"""
