"""The eligibility checker: a GET form about one worker, assessed by ``lindungi.core.rules``.

It stores nothing and logs nothing: the answers live only in the page's address, which holds no
personal data (an age in years, a kecamatan, a kind of work, yes/no answers, a decile).
"""
