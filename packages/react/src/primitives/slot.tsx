import {
  Children,
  cloneElement,
  forwardRef,
  isValidElement,
  type HTMLAttributes,
  type ReactElement,
  type ReactNode,
  type Ref,
  type RefCallback,
} from 'react';

/**
 * Merges its props onto its only child instead of rendering an element (`asChild`). Event handlers of
 * both run, the child's first; classes join; styles merge (the child's win); refs are composed.
 *
 * @example
 * <Slot onClick={send}><a href="#send">Send</a></Slot>
 */
export const Slot = forwardRef<HTMLElement, HTMLAttributes<HTMLElement> & { readonly children?: ReactNode }>(
  function Slot({ children, ...slotProps }, forwardedRef) {
    const child = Children.only(children);
    if (!isValidElement(child)) return null;
    const element = child as ReactElement<Record<string, unknown> & { ref?: Ref<HTMLElement> }>;
    const childProps = element.props;
    const merged: Record<string, unknown> = { ...slotProps, ...childProps };
    for (const [name, slotValue] of Object.entries(slotProps)) {
      const childValue = childProps[name];
      if (/^on[A-Z]/.test(name) && typeof slotValue === 'function' && typeof childValue === 'function') {
        merged[name] = (...args: unknown[]) => {
          (childValue as (...a: unknown[]) => void)(...args);
          (slotValue as (...a: unknown[]) => void)(...args);
        };
      } else if (name === 'className' && typeof childValue === 'string') {
        merged[name] = [slotValue, childValue].filter(Boolean).join(' ');
      } else if (name === 'style' && typeof childValue === 'object') {
        merged[name] = { ...(slotValue as object), ...(childValue as object) };
      }
    }
    merged.ref = composeRefs(forwardedRef, childRef(element));
    return cloneElement(element, merged);
  },
);

/**
 * The child's own ref. React 19 passes it as a prop; React 18 keeps it on the element. In development each
 * version guards the other place with a getter that warns when read (marked `isReactWarning`), so read the
 * one that is not guarded; in production neither warns, and whichever is set is the ref.
 */
function childRef(element: ReactElement<{ ref?: Ref<HTMLElement> }>): Ref<HTMLElement> | undefined {
  const warns = (target: object) => {
    const descriptor = Object.getOwnPropertyDescriptor(target, 'ref') as
      { readonly get?: { readonly isReactWarning?: boolean } } | undefined;
    return descriptor?.get?.isReactWarning === true;
  };
  const legacy = element as unknown as { ref?: Ref<HTMLElement> };
  if (warns(element.props)) return legacy.ref;
  if (warns(element)) return element.props.ref;
  return element.props.ref ?? legacy.ref;
}

/**
 * One ref callback that sets every given ref.
 *
 * @example
 * <textarea ref={composeRefs(forwardedRef, ownRef)} />
 */
export function composeRefs<T>(...refs: (Ref<T> | undefined)[]): RefCallback<T> {
  return (node) => {
    for (const ref of refs) {
      if (typeof ref === 'function') ref(node);
      else if (ref !== null && ref !== undefined) ref.current = node;
    }
  };
}

/**
 * Calls the consumer's handler first, then ours unless the consumer called `event.preventDefault()`.
 *
 * @example
 * onClick={composeEventHandlers(props.onClick, () => void send(draft))}
 */
export function composeEventHandlers<E extends { readonly defaultPrevented: boolean }>(
  consumer: ((event: E) => void) | undefined,
  ours: (event: E) => void,
): (event: E) => void {
  return (event) => {
    consumer?.(event);
    if (!event.defaultPrevented) ours(event);
  };
}
