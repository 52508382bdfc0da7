// Contrast of chart labels. axe-core does not check text inside inline SVG, so this looks at
// every <text> of every chart on the page: the colour under its centre and both ends (the
// topmost filled shape there) against the text's fill, with WCAG's 4,5:1 (3:1 for large text).

/** Runs in the page; returns the labels below the threshold. */
export function lowContrastLabels() {
  const rgb = (css) => {
    const m = css.match(/rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?\)/);
    if (!m) return null;
    if (m[4] !== undefined && Number(m[4]) === 0) return null;
    return [Number(m[1]), Number(m[2]), Number(m[3])];
  };
  const luminance = ([r, g, b]) => {
    const lin = (v) => {
      const s = v / 255;
      return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
  };
  const contrast = (a, b) => {
    const [la, lb] = [luminance(a), luminance(b)];
    return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
  };
  // The fill of the topmost non-text shape at a point, white when only the page is there.
  const backgroundAt = (x, y, svg) => {
    for (const el of document.elementsFromPoint(x, y)) {
      if (!svg.contains(el) || el === svg) break;
      if (el.closest("text")) continue;
      const fill = rgb(getComputedStyle(el).fill);
      if (fill) return fill;
    }
    return [255, 255, 255];
  };
  const low = [];
  for (const svg of document.querySelectorAll("svg")) {
    const scale = svg.getScreenCTM()?.a ?? 1;
    for (const text of svg.querySelectorAll("text")) {
      // elementsFromPoint only sees the viewport.
      text.scrollIntoView({ block: "center", inline: "center" });
      const box = text.getBoundingClientRect();
      if (box.width === 0 || !text.textContent.trim()) continue;
      const style = getComputedStyle(text);
      const ink = rgb(style.fill);
      if (!ink) continue;
      const px = parseFloat(style.fontSize) * scale;
      const bold = Number(style.fontWeight) >= 700;
      const needed = px >= 24 || (bold && px >= 18.66) ? 3 : 4.5;
      const y = box.top + box.height / 2;
      const xs = [box.left + 2, box.left + box.width / 2, box.right - 2];
      const worst = Math.min(...xs.map((x) => contrast(ink, backgroundAt(x, y, svg))));
      if (worst < needed) {
        const chart = svg.closest("[id]")?.id ?? "sin id";
        const label = text.textContent.trim();
        low.push(`«${label}» ${worst.toFixed(2)}:1, mínimo ${needed}:1 (gráfico ${chart})`);
      }
    }
  }
  return low;
}
