import { useLayoutEffect, useRef, useState, type ReactNode, type RefObject } from 'react';
import { createPortal } from 'react-dom';
import { useDismiss } from './use-dismiss.js';

export interface PopoverProps {
  open: boolean;
  /** The element the popover hangs from (usually the button that opened it). */
  anchor: RefObject<HTMLElement | null>;
  onClose: () => void;
  /** Accessible name of the panel. */
  label: string;
  children: ReactNode;
  align?: 'start' | 'end';
  className?: string;
  role?: 'dialog' | 'region';
}

/**
 * A non-modal panel below an anchor (help, column picker, view options). Rendered in a portal
 * so the table's overflow does not clip it; kept inside the window horizontally.
 */
export function Popover({ open, anchor, onClose, label, children, align = 'start', className, role = 'dialog' }: PopoverProps) {
  const ref = useRef<HTMLDivElement>(null);
  const [position, setPosition] = useState<{ top: number; left: number } | null>(null);
  useDismiss(open, ref, onClose, anchor);

  useLayoutEffect(() => {
    if (!open) {
      setPosition(null);
      return;
    }
    const place = () => {
      const a = anchor.current?.getBoundingClientRect();
      const panel = ref.current;
      if (!a || !panel) return;
      const width = panel.offsetWidth;
      const left = align === 'end' ? a.right - width : a.left;
      setPosition({
        top: Math.round(a.bottom + 4),
        left: Math.round(Math.max(8, Math.min(left, window.innerWidth - width - 8))),
      });
    };
    place();
    window.addEventListener('resize', place);
    return () => window.removeEventListener('resize', place);
  }, [open, anchor, align]);

  if (!open) return null;
  return createPortal(
    <div
      ref={ref}
      role={role}
      aria-label={label}
      className={`popover ${className ?? ''}`}
      style={position ? { top: position.top, left: position.left } : { top: -9999, left: -9999 }}
    >
      {children}
    </div>,
    document.body,
  );
}
