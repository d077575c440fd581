// Building DOM without innerHTML: every text given here ends up as a text node, so what visitors and agents type
// can never become markup or script.

/**
 * el('button', {class: 'x', onclick: f, dataset: {id: 1}}, 'text', child, …): an element with attributes,
 * listeners (on…), properties (a few, like value/checked/disabled/hidden) and children (strings become text).
 */
export function el(tag, attributes = {}, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes ?? {})) {
        if (value === undefined || value === null || value === false) continue;
        if (name.startsWith('on') && typeof value === 'function') node.addEventListener(name.slice(2), value);
        else if (name === 'dataset') Object.assign(node.dataset, value);
        else if (['value', 'checked', 'disabled', 'hidden', 'selected', 'multiple'].includes(name)) node[name] = value;
        else node.setAttribute(name, value === true ? '' : String(value));
    }
    append(node, children);
    return node;
}

function append(node, children) {
    for (const child of children.flat(Infinity)) {
        if (child === undefined || child === null || child === false) continue;
        node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
}

/** Replaces the node's children. */
export function fill(node, ...children) {
    node.replaceChildren();
    append(node, children);
    return node;
}

export const $ = (selector, root = document) => root.querySelector(selector);

/** "12:03" today, "3 Nov 12:03" otherwise. */
export function time(iso) {
    if (!iso) return '';
    const date = new Date(iso);
    const today = new Date().toDateString() === date.toDateString();
    return today ? date.toLocaleTimeString([], {hour: '2-digit', minute: '2-digit'})
        : date.toLocaleString([], {day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit'});
}

export function bytes(size) {
    if (size < 1024) return `${size} B`;
    if (size < 1024 * 1024) return `${(size / 1024).toFixed(0)} KB`;
    return `${(size / 1024 / 1024).toFixed(1)} MB`;
}

/** The application's base path ("/switchboard"), from a module's own URL, so pages work under any context root. */
export function basePath(moduleUrl) {
    return new URL('../..', moduleUrl).pathname.replace(/\/$/, '');
}
