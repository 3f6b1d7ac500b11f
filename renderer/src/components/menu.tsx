import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { createPortal } from 'react-dom';
import { useDismiss } from './use-dismiss.js';

export type MenuItem =
  | { kind?: 'item'; label: string; onSelect: () => void; disabled?: boolean; shortcut?: string; danger?: boolean }
  | { kind: 'separator' };

export interface MenuProps {
  /** Viewport coordinates of the top-left corner (a context menu opens at the pointer). */
  at: { x: number; y: number };
  items: MenuItem[];
  onClose: () => void;
  label: string;
}

/**
 * A popup menu (context menu, "…" menus): arrow keys move, Enter/Space choose, Escape or a press
 * outside closes, and focus returns to where it was.
 */
export function Menu({ at, items, onClose, label }: MenuProps) {
  const ref = useRef<HTMLDivElement>(null);
  const [position, setPosition] = useState(at);
  const returnFocus = useRef<Element | null>(null);
  useDismiss(true, ref, onClose);

  useLayoutEffect(() => {
    const menu = ref.current;
    if (!menu) return;
    // Keep the whole menu on screen: flip left/up when it would overflow.
    const { offsetWidth: w, offsetHeight: h } = menu;
    setPosition({
      x: at.x + w > window.innerWidth - 4 ? Math.max(4, at.x - w) : at.x,
      y: at.y + h > window.innerHeight - 4 ? Math.max(4, at.y - h) : at.y,
    });
  }, [at]);

  useEffect(() => {
    returnFocus.current = document.activeElement;
    ref.current?.querySelector<HTMLElement>('[role="menuitem"]:not([aria-disabled="true"])')?.focus();
    return () => {
      if (returnFocus.current instanceof HTMLElement) returnFocus.current.focus();
    };
  }, []);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const enabled = Array.from(ref.current?.querySelectorAll<HTMLElement>('[role="menuitem"]:not([aria-disabled="true"])') ?? []);
    const index = enabled.indexOf(document.activeElement as HTMLElement);
    const move = (to: number) => {
      event.preventDefault();
      enabled[(to + enabled.length) % enabled.length]?.focus();
    };
    if (event.key === 'ArrowDown') move(index + 1);
    else if (event.key === 'ArrowUp') move(index - 1);
    else if (event.key === 'Home') move(0);
    else if (event.key === 'End') move(enabled.length - 1);
    else if (event.key === 'Tab') {
      event.preventDefault();
      onClose();
    }
  };

  return createPortal(
    <div ref={ref} role="menu" aria-label={label} className="menu" style={{ left: position.x, top: position.y }} onKeyDown={onKeyDown}>
      {items.map((item, i) =>
        item.kind === 'separator' ? (
          <div key={`sep-${i}`} role="separator" className="menu__separator" />
        ) : (
          <div
            key={item.label}
            role="menuitem"
            tabIndex={-1}
            aria-disabled={item.disabled ? 'true' : undefined}
            className={`menu__item${item.danger ? ' menu__item--danger' : ''}`}
            onClick={() => {
              if (item.disabled) return;
              onClose();
              item.onSelect();
            }}
            onKeyDown={(event) => {
              if ((event.key === 'Enter' || event.key === ' ') && !item.disabled) {
                event.preventDefault();
                onClose();
                item.onSelect();
              }
            }}
          >
            <span>{item.label}</span>
            {item.shortcut ? <kbd className="menu__shortcut">{item.shortcut}</kbd> : null}
          </div>
        ),
      )}
    </div>,
    document.body,
  );
}
