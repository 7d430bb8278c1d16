'use strict';
// The review queue: the least confident unreviewed characters, one at a time, decided with the keys.
(() => {
  const manuscript = document.getElementById('queue').dataset.manuscript;
  let items = [];
  let index = 0;
  let cursor = null;      // the last item fetched: the next page of the queue starts after it
  let exhausted = false;
  let done = 0;
  const started = Date.now();

  async function fetchMore() {
    const params = new URLSearchParams({limit: '20'});
    if (manuscript) params.set('manuscript', manuscript);
    if (cursor) { params.set('afterConfidence', String(cursor.confidence)); params.set('afterId', String(cursor.id)); }
    const response = await fetch('/api/queue?' + params, {headers: {Accept: 'application/json'}, credentials: 'same-origin'});
    if (!response.ok) { Review.message('Cannot load the queue (HTTP ' + response.status + ').', 'error'); exhausted = true; return; }
    const data = await response.json();
    if (data.items.length === 0) exhausted = true;
    items.push(...data.items.filter(b => !items.some(i => i.id === b.id)));
    if (data.items.length) cursor = data.items[data.items.length - 1];
  }

  async function show() {
    if (index > items.length - 4 && !exhausted) await fetchMore();
    index = Math.max(0, Math.min(index, items.length));
    const b = items[index];
    document.getElementById('item').hidden = !b;
    document.getElementById('empty').hidden = !!b;
    if (!b) return;
    document.getElementById('item').dataset.id = b.id;
    document.getElementById('crop').src = b.crop;
    document.getElementById('context').src = b.context;
    document.getElementById('reading').textContent = b.character;
    document.getElementById('where').textContent = b.imageId + ' · column ' + (b.column + 1) + ', character '
      + (b.order + 1) + ' · ' + (b.deleted ? 'deleted' : b.reviewed ? 'reviewed by ' + b.reviewedBy
      : 'confidence ' + b.confidence.toFixed(3));
    document.getElementById('open-page').href = '/pages/' + b.pageId + '#box-' + b.id;
    Review.alternatives(document.getElementById('alternatives'), b, pick);
    const next = items[index + 1];
    if (next) { new Image().src = next.crop; new Image().src = next.context; }
  }

  function stats() {
    const minutes = (Date.now() - started) / 60000;
    document.getElementById('stats').textContent = done + ' done' + (minutes > 0.1
      ? ' · ' + (done / minutes).toFixed(1) + ' per minute' : '');
  }

  async function act(action, value) {
    const b = items[index];
    if (!b) return;
    const result = await Review.act(b, action, value);
    if (!result.ok) {
      Review.message(Review.failure(result), result.status === 409 ? 'conflict' : 'error');
      if (result.status === 409) {
        const now = result.data.box;
        const at = items.findIndex(i => i.id === now.id);
        if (at >= 0) items[at] = now;
        show();
      }
      return;
    }
    Review.message(null);
    done++;
    stats();
    const changed = result.data.boxes;
    if (action === 'SPLIT') {
      items.splice(index, 1, ...changed);            // decide both halves now
    } else if (action === 'MERGE') {
      items = items.filter(i => i.id !== changed[1].id);
      items[items.findIndex(i => i.id === changed[0].id)] = changed[0]; // decide the joined box now
    } else {
      items.splice(index, 1);
    }
    // look-alikes read differently now: the reviewer may accept them; accepted ones leave the queue
    Review.showLookalikes(result.data.lookalikes, accepted => {
      const gone = new Set(accepted.map(b => b.id));
      const current = items[index];
      items = items.filter(i => !gone.has(i.id));
      index = Math.max(0, current ? items.indexOf(current) : index);
      done += accepted.length;
      stats();
      show();
    });
    show();
  }
  function pick(n) {
    const b = items[index];
    if (b && b.alternatives[n - 1]) act('SET', b.alternatives[n - 1].label);
  }

  Review.keys({
    accept: () => act('ACCEPT'), pick, set: text => act('SET', text), rare: () => act('RARE'),
    del: () => act('DELETE'), split: () => act('SPLIT'), merge: () => act('MERGE'),
    next: () => { index++; show(); }, prev: () => { index--; show(); }
  });
  document.getElementById('skip').addEventListener('click', e => { e.target.blur(); index++; show(); });
  Review.draw(label => act('SET', label));
  stats();
  show();
})();
