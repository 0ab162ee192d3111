-- POSTs the same URL-encoded form on every request: FORM_BODY (env), with the cookie in
-- FORM_COOKIE (env).
dofile(os.getenv("WRK_REPORT"))  -- defines done()
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Cookie"] = os.getenv("FORM_COOKIE")
wrk.body = os.getenv("FORM_BODY")
