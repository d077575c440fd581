// Multipart uploads with progress (fetch cannot report upload progress; XMLHttpRequest can).

export const MAX_FILES = 5;
export const MAX_FILE_BYTES = 20 * 1024 * 1024;

/** What is wrong with this selection before anything is sent, or null. */
export function checkFiles(files) {
    if (files.length > MAX_FILES) return `At most ${MAX_FILES} files per message.`;
    const big = files.find(file => file.size > MAX_FILE_BYTES);
    if (big) return `${big.name} is larger than 20 MB.`;
    const empty = files.find(file => file.size === 0);
    if (empty) return `${empty.name} is empty.`;
    return null;
}

/**
 * POSTs parts `file` (×n) and an optional `text`; resolves with the JSON answer, rejects with {status, code,
 * message}. onProgress(fraction 0..1).
 */
export function upload(url, headers, files, text, onProgress = () => {}) {
    const form = new FormData();
    for (const file of files) form.append('file', file, file.name);
    if (text) form.append('text', text);
    return new Promise((resolve, reject) => {
        const request = new XMLHttpRequest();
        request.open('POST', url);
        for (const [name, value] of Object.entries(headers)) request.setRequestHeader(name, value);
        request.upload.onprogress = event => {
            if (event.lengthComputable) onProgress(event.loaded / event.total);
        };
        request.onload = () => {
            let body = null;
            try {
                body = JSON.parse(request.responseText);
            } catch {
                // not JSON: reported below
            }
            if (request.status >= 200 && request.status < 300) resolve(body);
            else reject({status: request.status, code: body?.code ?? 'upload.failed',
                message: body?.message ?? `Upload failed (${request.status}).`});
        };
        request.onerror = () => reject({status: 0, code: 'network', message: 'The upload was interrupted.'});
        request.send(form);
    });
}

/** Fetches a protected file (the token is a header, never in the URL) and returns an object URL for it. */
export async function objectUrl(url, headers) {
    const response = await fetch(url, {headers});
    if (!response.ok) throw new Error(`${response.status}`);
    return URL.createObjectURL(await response.blob());
}
