import { useEffect, useRef, type ReactNode, type RefObject } from 'react';

/**
 * A native modal `<dialog>`: the rest of the page is inert while it is open, Esc and a click
 * outside close it. The focus goes back to where it was when the dialog opened.
 */
export function ModalDialog({
  label,
  className,
  onClose,
  initialFocus,
  children,
}: {
  label: string;
  className: string;
  onClose: () => void;
  /**
   * The element focused on opening (a confirmation's Cancel). Without it the browser focuses
   * the first focusable element, which depends on the order of the buttons.
   */
  initialFocus?: RefObject<HTMLElement | null>;
  children: ReactNode;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  // Read once, on opening: the dialog is opened (and the focus placed) once per mount.
  const initialFocusOnOpen = useRef(initialFocus);
  useEffect(() => {
    const dialog = ref.current;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    dialog?.showModal();
    initialFocusOnOpen.current?.current?.focus();
    return () => {
      dialog?.close();
      // Back to the field, row or button the user was at (if the screen still shows it).
      if (opener?.isConnected) opener.focus({ preventScroll: true });
    };
  }, []);
  return (
    <dialog
      ref={ref}
      className={`modal-dialog ${className}`}
      aria-label={label}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      onMouseDown={(e) => {
        if (e.target === e.currentTarget) onClose();
      }}
    >
      {children}
    </dialog>
  );
}
