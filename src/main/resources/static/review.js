'use strict';
// What the page view and the queue share: review actions (with the CSRF token Spring Security issued for
// this page), the review keys, messages, and the draw-to-look-up canvas.
const Review = (() => {
  const csrfHeader = document.querySelector('meta[name="csrf-header"]')?.content;
  const csrfToken = document.querySelector('meta[name="csrf-token"]')?.content;

  async function post(url, body) {
    const headers = {'Content-Type': 'application/json', 'Accept': 'application/json'};
    headers[csrfHeader] = csrfToken;
    const response = await fetch(url, {method: 'POST', headers, body: JSON.stringify(body), credentials: 'same-origin'});
    let data = null;
    try { data = await response.json(); } catch (ignored) { /* not JSON: a sign-in page or a server error */ }
    return {ok: response.ok, status: response.status, data};
  }

  /** Sends one action for a box, with the version the reviewer saw (a stale one gets 409). */
  function act(box, action, value) {
    return post('/api/boxes/' + box.id + '/review', {action, version: box.version, value: value ?? null});
  }

  function message(text, kind) {
    const el = document.getElementById('message');
    if (!text) { el.hidden = true; return; }
    el.textContent = text;
    el.className = 'message ' + (kind || '');
    el.hidden = false;
  }

  /** A failed action as one clear sentence. */
  function failure(result) {
    if (result.status === 409) return result.data.message;
    if (result.data && result.data.message) return result.data.message;
    if (result.status === 403) return 'Not saved: the page is out of date or you have signed out. Reload the page.';
    return 'Not saved (HTTP ' + result.status + ').';
  }

  /**
   * The review keys. h: {accept, pick(n), set(text), rare, del, split, merge, next, prev}. Keys typed into
   * the character field belong to it (an input method's Enter confirms the composition, not the review).
   */
  function keys(h) {
    const typed = document.getElementById('typed');
    document.addEventListener('keydown', e => {
      if (e.isComposing || e.keyCode === 229) return;
      if (e.target !== typed && lookalikeKey(e)) return;
      if (e.target === typed) {
        if (e.key === 'Enter') {
          e.preventDefault();
          const text = typed.value.trim();
          typed.value = '';
          typed.blur();
          if (text) h.set(text); else h.accept();
        } else if (e.key === 'Escape') {
          typed.value = '';
          typed.blur();
        }
        return;
      }
      if (e.ctrlKey || e.metaKey || e.altKey || e.target.matches('input, textarea, select')) return;
      if (e.key === 'Enter' && e.target.matches('button, a')) return;
      if (e.key >= '1' && e.key <= '5') { e.preventDefault(); h.pick(Number(e.key)); return; }
      if (e.key === 't') { e.preventDefault(); typed.focus(); return; }
      const f = {Enter: h.accept, r: h.rare, d: h.del, Delete: h.del, s: h.split, m: h.merge,
                 j: h.next, ArrowDown: h.next, ArrowRight: h.next, k: h.prev, ArrowUp: h.prev, ArrowLeft: h.prev}[e.key];
      if (f) { e.preventDefault(); f(); }
    });
    document.querySelectorAll('button[data-action]').forEach(button => button.addEventListener('click', () => {
      button.blur(); // so that Enter afterwards accepts instead of pressing this button again
      ({ACCEPT: h.accept, RARE: h.rare, DELETE: h.del, SPLIT: h.split, MERGE: h.merge})[button.dataset.action]();
    }));
  }

  // The look-alikes of the last correction, while their panel is open, and what to do with accepted boxes.
  let shownLookalikes = [];
  let onAccepted = null;

  /**
   * Shows the look-alikes a correction changed (thumbnails, reading before → after), all checked; accepting sends
   * the checked ones with the versions shown, and hands the accepted boxes to {@code accepted}.
   */
  function showLookalikes(list, accepted) {
    const panel = document.getElementById('lookalikes');
    if (!panel) return;
    shownLookalikes = (list || []).map(l => ({...l, checked: true}));
    onAccepted = accepted;
    if (shownLookalikes.length === 0) { panel.hidden = true; return; }
    document.getElementById('lookalikes-count').textContent = String(shownLookalikes.length);
    document.getElementById('lookalikes-list').replaceChildren(...shownLookalikes.map((l, i) => {
      const li = document.createElement('li');
      li.className = 'lookalike';
      li.dataset.id = l.id;
      li.innerHTML = '<label><input type="checkbox" checked> <kbd></kbd> <img alt=""> <span class="before" lang="ja"></span>'
        + ' → <span class="after" lang="ja"></span> <small class="prob"></small></label>';
      li.querySelector('kbd').textContent = i < 9 ? String(i + 1) : '';
      li.querySelector('img').src = l.crop;
      li.querySelector('img').alt = 'look-alike on ' + l.imageId;
      li.querySelector('.before').textContent = l.beforeCharacter;
      li.querySelector('.after').textContent = l.afterCharacter;
      li.querySelector('.prob').textContent = l.confidence.toFixed(2);
      li.querySelector('input').addEventListener('change', e => { l.checked = e.target.checked; });
      return li;
    }));
    panel.hidden = false;
  }

  function hideLookalikes() {
    const panel = document.getElementById('lookalikes');
    if (panel) panel.hidden = true;
    shownLookalikes = [];
  }

  function toggleLookalike(i, value) {
    const l = shownLookalikes[i];
    if (!l) return;
    l.checked = value ?? !l.checked;
    document.querySelectorAll('#lookalikes-list input')[i].checked = l.checked;
  }

  async function acceptLookalikes() {
    const items = shownLookalikes.filter(l => l.checked).map(l => ({id: l.id, version: l.version, label: l.after}));
    if (items.length === 0) { hideLookalikes(); return; }
    const result = await post('/api/lookalikes/accept', {items});
    if (!result.ok) { message(failure(result), 'error'); return; }
    hideLookalikes();
    const conflicts = result.data.conflicts.length;
    message(result.data.boxes.length + ' look-alikes accepted'
      + (conflicts ? '; ' + conflicts + ' changed by someone else meanwhile, left as they are' : '') + '.',
      conflicts ? 'conflict' : 'ok');
    if (onAccepted) onAccepted(result.data.boxes);
  }

  /** The panel's keys while it is open; true when the key was the panel's. */
  function lookalikeKey(e) {
    if (shownLookalikes.length === 0 || e.ctrlKey || e.metaKey || e.altKey) return false;
    if (e.key === 'a') { e.preventDefault(); acceptLookalikes(); return true; }
    if (e.key === 'Escape') { e.preventDefault(); hideLookalikes(); return true; }
    if (e.key === 'c') {
      e.preventDefault();
      const all = !shownLookalikes.every(l => l.checked);
      shownLookalikes.forEach((l, i) => toggleLookalike(i, all));
      return true;
    }
    const digit = /^Digit([1-9])$/.exec(e.code);
    if (e.shiftKey && digit) { e.preventDefault(); toggleLookalike(Number(digit[1]) - 1); return true; }
    return false;
  }

  document.getElementById('lookalikes-accept')?.addEventListener('click', e => { e.target.blur(); acceptLookalikes(); });
  document.getElementById('lookalikes-dismiss')?.addEventListener('click', e => { e.target.blur(); hideLookalikes(); });

  /** The machine's top five as a numbered list; clicking one picks it like its number key. */
  function alternatives(list, box, pick) {
    list.replaceChildren(...box.alternatives.map((a, i) => {
      const li = document.createElement('li');
      li.innerHTML = '<kbd></kbd> <span class="alt-char" lang="ja"></span> <span class="prob"></span>'
        + ' <meter min="0" max="1"></meter>';
      li.querySelector('kbd').textContent = String(i + 1);
      li.querySelector('.alt-char').textContent = a.character;
      li.querySelector('.prob').textContent = a.probability.toFixed(3);
      li.querySelector('meter').value = a.probability;
      li.addEventListener('click', () => pick(i + 1));
      return li;
    }));
  }

  /**
   * Draw to look up: dark ink on a white ground, as a scan shows a character (what Classifier.classify
   * expects); the classifier's top five come back as buttons that set the selected box's reading.
   */
  function draw(use) {
    const canvas = document.getElementById('draw');
    const ctx = canvas.getContext('2d');
    const clear = () => { ctx.fillStyle = '#fff'; ctx.fillRect(0, 0, canvas.width, canvas.height); };
    clear();
    ctx.strokeStyle = '#111';
    ctx.lineWidth = 12;
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    let drawing = false;
    const at = e => {
      const r = canvas.getBoundingClientRect();
      return [(e.clientX - r.left) * canvas.width / r.width, (e.clientY - r.top) * canvas.height / r.height];
    };
    canvas.addEventListener('pointerdown', e => {
      drawing = true;
      canvas.setPointerCapture(e.pointerId);
      ctx.beginPath();
      ctx.moveTo(...at(e));
      ctx.lineTo(...at(e));
      ctx.stroke();
    });
    canvas.addEventListener('pointermove', e => { if (drawing) { ctx.lineTo(...at(e)); ctx.stroke(); } });
    canvas.addEventListener('pointerup', () => { drawing = false; });
    const list = document.getElementById('draw-candidates');
    document.getElementById('draw-clear').addEventListener('click', () => { clear(); list.replaceChildren(); });
    document.getElementById('draw-lookup').addEventListener('click', async () => {
      const result = await post('/api/lookup', {image: canvas.toDataURL('image/png')});
      if (!result.ok) { message(failure(result), 'error'); return; }
      list.replaceChildren(...result.data.candidates.map(c => {
        const li = document.createElement('li');
        const b = document.createElement('button');
        b.type = 'button';
        b.className = 'candidate';
        b.dataset.label = c.label;
        b.innerHTML = '<span lang="ja"></span> <small></small>';
        b.querySelector('span').textContent = c.character;
        b.querySelector('small').textContent = c.probability.toFixed(3);
        b.addEventListener('click', () => { b.blur(); use(c.label); });
        li.append(b);
        return li;
      }));
    });
  }

  return {act, message, failure, keys, alternatives, draw, showLookalikes};
})();
