// One modal <dialog> for the console's forms (transfer, invite, block, tags, quick reply, …).

import {$, el, fill} from '../common/dom.js';

/**
 * Opens the dialog with `body` (nodes) and runs `submit()` on OK; a rejection keeps it open with the message.
 * Resolves with submit's result, or null when cancelled.
 */
export function ask({title, body, ok = 'OK', submit}) {
    const dialog = $('#dialog');
    fill($('#dialog-title'), title);
    fill($('#dialog-body'), body);
    fill($('#dialog-problem'));
    $('#dialog-ok').textContent = ok;
    return new Promise(resolve => {
        const form = $('#dialog-form');
        const finish = result => {
            form.onsubmit = null;
            $('#dialog-cancel').onclick = null;
            dialog.close();
            resolve(result);
        };
        form.onsubmit = async event => {
            event.preventDefault();
            $('#dialog-ok').disabled = true;
            try {
                finish(await submit());
            } catch (failure) {
                fill($('#dialog-problem'), failure.message);
            } finally {
                $('#dialog-ok').disabled = false;
            }
        };
        $('#dialog-cancel').onclick = () => finish(null);
        dialog.oncancel = () => finish(null);
        dialog.showModal();
        dialog.querySelector('input, select, textarea')?.focus();
    });
}

export function field(label, control) {
    return el('label', {class: 'field'}, label, control);
}

export function select(name, options, value) {
    return el('select', {name}, options.map(([optionValue, label]) =>
        el('option', {value: optionValue, selected: String(optionValue) === String(value)}, label)));
}
