import { useEffect, useState } from 'react';
import type { Layout } from 'plotly.js-strict-dist-min';

/** Theme colours Plotly needs as values (it cannot read CSS variables itself). */
export interface ChartTheme {
  fg: string;
  muted: string;
  border: string;
  panel: string;
  accent: string;
  fontUi: string;
  fontSize: number;
}

const FALLBACK: ChartTheme = {
  fg: '#1f2328',
  muted: '#656d76',
  border: '#d0d7de',
  panel: '#ffffff',
  accent: '#0969da',
  fontUi: 'system-ui, sans-serif',
  fontSize: 11,
};

export function readChartTheme(): ChartTheme {
  const style = getComputedStyle(document.documentElement);
  const v = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  return {
    fg: v('--fg', FALLBACK.fg),
    muted: v('--muted', FALLBACK.muted),
    border: v('--border', FALLBACK.border),
    panel: v('--panel', FALLBACK.panel),
    accent: v('--accent', FALLBACK.accent),
    fontUi: v('--font-ui', FALLBACK.fontUi),
    fontSize: FALLBACK.fontSize,
  };
}

/**
 * The current chart theme, re-read when the OS switches light/dark or the app overrides it
 * through `document.documentElement.dataset.theme`.
 */
export function useChartTheme(): ChartTheme {
  const [theme, setTheme] = useState<ChartTheme>(readChartTheme);
  useEffect(() => {
    const update = () =>
      setTheme((prev) => {
        const next = readChartTheme();
        return JSON.stringify(prev) === JSON.stringify(next) ? prev : next;
      });
    const media = window.matchMedia('(prefers-color-scheme: dark)');
    media.addEventListener('change', update);
    const observer = new MutationObserver(update);
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme', 'class', 'style'] });
    // The theme stylesheet may arrive after the first render.
    update();
    return () => {
      media.removeEventListener('change', update);
      observer.disconnect();
    };
  }, []);
  return theme;
}

/** Layout pieces every chart shares: transparent-looking panel, theme fonts, quiet grid lines. */
export function baseLayout(theme: ChartTheme): Partial<Layout> {
  const axis = {
    gridcolor: theme.border,
    linecolor: theme.border,
    zerolinecolor: theme.border,
    tickcolor: theme.border,
    tickfont: { color: theme.muted, size: theme.fontSize },
    title: { font: { color: theme.muted, size: theme.fontSize } },
    automargin: true,
  };
  return {
    paper_bgcolor: theme.panel,
    plot_bgcolor: theme.panel,
    font: { family: theme.fontUi, size: theme.fontSize, color: theme.fg },
    margin: { l: 48, r: 12, t: 8, b: 36 },
    xaxis: { ...axis },
    yaxis: { ...axis },
    showlegend: false,
    hovermode: 'closest',
    hoverlabel: { font: { family: theme.fontUi, size: theme.fontSize } },
    dragmode: 'zoom',
  } as Partial<Layout>;
}
