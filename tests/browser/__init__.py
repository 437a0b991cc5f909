"""End-to-end browser and accessibility tests: Playwright driving Debian's chromium."""
