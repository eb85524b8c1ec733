"""Reading a question: its normal form, words, names, term weights, answer kind and period.

Pure functions of the question's text (and, for weights, of counts the caller passes); nothing
here reads an index. A follow-up is read in the context of earlier turns (``followup``).
"""
