//! Charts (plotters): SVG for pages, PNG for e-mail.
