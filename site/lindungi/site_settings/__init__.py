"""Site settings that staff keep: the city's contact channels, the promises the city has
committed to (decision time, retention periods, privacy officer) and parts of the site's look
(home image, the BPJS Ketenagakerjaan line). What each setting means lives in core.promises."""
