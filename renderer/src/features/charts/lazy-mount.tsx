import { useEffect, useRef, useState, type ReactNode } from 'react';

/**
 * Renders its children once they come near the viewport. Plots far down the page (parallel
 * coordinates need WebGL) then do not delay the history charts the user is looking at.
 */
export function LazyMount({ minHeight, children }: { minHeight: number; children: ReactNode }): ReactNode {
  const ref = useRef<HTMLDivElement>(null);
  const [visible, setVisible] = useState(false);
  useEffect(() => {
    const el = ref.current;
    if (!el || visible) return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) setVisible(true);
      },
      { rootMargin: '200px 0px' },
    );
    observer.observe(el);
    return () => observer.disconnect();
  }, [visible]);
  return visible ? <>{children}</> : <div ref={ref} className="chart-lazy" style={{ minHeight }} />;
}
