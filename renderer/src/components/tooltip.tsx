import { cloneElement, useId, useRef, useState, type FocusEvent, type MouseEvent, type ReactElement, type Ref } from 'react';
import { createPortal } from 'react-dom';

const SHOW_DELAY_MS = 450;

interface TriggerProps {
  'aria-describedby'?: string;
  onMouseEnter?: (event: MouseEvent) => void;
  onMouseLeave?: (event: MouseEvent) => void;
  onFocus?: (event: FocusEvent) => void;
  onBlur?: (event: FocusEvent) => void;
  ref?: Ref<HTMLElement>;
}

/**
 * A styled tooltip for a single focusable child (icon buttons, badges). The text is also the
 * child's accessible description. For plain cells, a `title` attribute is cheaper and enough.
 */
export function Tooltip({ label, children }: { label: string; children: ReactElement<TriggerProps> }) {
  const id = useId();
  const [box, setBox] = useState<DOMRect | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const show = (target: EventTarget) => {
    if (timer.current) clearTimeout(timer.current);
    const element = target as HTMLElement;
    timer.current = setTimeout(() => setBox(element.getBoundingClientRect()), SHOW_DELAY_MS);
  };
  const hide = () => {
    if (timer.current) clearTimeout(timer.current);
    setBox(null);
  };

  const props = children.props;
  const trigger = cloneElement(children, {
    'aria-describedby': id,
    onMouseEnter: (e: MouseEvent) => {
      props.onMouseEnter?.(e);
      show(e.currentTarget);
    },
    onMouseLeave: (e: MouseEvent) => {
      props.onMouseLeave?.(e);
      hide();
    },
    onFocus: (e: FocusEvent) => {
      props.onFocus?.(e);
      show(e.currentTarget);
    },
    onBlur: (e: FocusEvent) => {
      props.onBlur?.(e);
      hide();
    },
  });

  return (
    <>
      {trigger}
      <span id={id} hidden>
        {label}
      </span>
      {box
        ? createPortal(
            <div
              className="tooltip"
              aria-hidden="true"
              style={{ top: box.bottom + 6, left: Math.max(4, Math.min(box.left + box.width / 2, window.innerWidth - 4)) }}
            >
              {label}
            </div>,
            document.body,
          )
        : null}
    </>
  );
}
