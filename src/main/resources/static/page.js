'use strict';
// The page view: boxes on the scan coloured against the threshold, the transcription beside it, one
// selected character at a time, reviewed with the same keys as the queue.
(() => {
  const boxes = new Map(window.BOXES.map(b => [b.id, b]));
  const order = window.BOXES.map(b => b.id); // reading order, as stored
  const rect = id => document.querySelector('rect[data-id="' + id + '"]');
  const span = id => document.querySelector('.char[data-id="' + id + '"]');
  const slider = document.getElementById('threshold');
  let selected = null;

  slider.value = localStorage.getItem('honkoku.threshold') || '0.5';
  function paint(id) {
    const b = boxes.get(id);
    const low = !b.reviewed && b.confidence < Number(slider.value);
    for (const el of [rect(id), span(id)]) {
      el.classList.toggle('done', b.reviewed);
      el.classList.toggle('low', low);
      el.classList.toggle('high', !b.reviewed && !low);
      el.classList.toggle('selected', id === selected);
    }
    span(id).textContent = b.character;
  }
  function paintAll() {
    document.getElementById('threshold-value').textContent = Number(slider.value).toFixed(2);
    order.forEach(paint);
    const reviewed = window.BOXES.filter(b => boxes.get(b.id).reviewed).length;
    document.getElementById('progress').textContent = reviewed + ' / ' + order.length + ' reviewed';
  }
  slider.addEventListener('input', () => { localStorage.setItem('honkoku.threshold', slider.value); paintAll(); });

  function select(id) {
    const previous = selected;
    selected = id;
    if (previous != null && boxes.has(previous)) paint(previous);
    if (id == null) { document.getElementById('selected').hidden = true; return; }
    paint(id);
    const b = boxes.get(id);
    document.getElementById('selected').hidden = false;
    document.getElementById('sel-crop').src = b.crop;
    document.getElementById('sel-char').textContent = b.character;
    document.getElementById('sel-state').textContent = b.reviewed
      ? 'reviewed by ' + b.reviewedBy : 'machine, confidence ' + b.confidence.toFixed(3);
    Review.alternatives(document.getElementById('sel-alternatives'), b, pick);
    span(id).scrollIntoView({block: 'nearest', inline: 'nearest'});
    rect(id).scrollIntoView({block: 'nearest', inline: 'nearest'});
    history.replaceState(null, '', '#box-' + id);
  }
  function step(delta) {
    const i = selected == null ? (delta > 0 ? -1 : order.length) : order.indexOf(selected);
    const next = order[i + delta];
    if (next != null) select(next);
  }

  async function act(action, value) {
    if (selected == null) { Review.message('Select a character first (click it, or press j).', 'error'); return; }
    const id = selected;
    const result = await Review.act(boxes.get(id), action, value);
    if (!result.ok) {
      Review.message(Review.failure(result), result.status === 409 ? 'conflict' : 'error');
      if (result.status === 409 && boxes.has(result.data.box.id)) {
        boxes.set(result.data.box.id, result.data.box);
        select(id);
      }
      return;
    }
    Review.message(null);
    if (action === 'SPLIT' || action === 'MERGE' || action === 'DELETE') {
      // the outlines changed: draw the page again, with the (first) resulting box selected, or after a
      // deletion the character that followed the deleted one
      const next = action === 'DELETE' ? order[order.indexOf(id) + 1] : result.data.boxes[0].id;
      history.replaceState(null, '', next == null ? location.pathname : '#box-' + next);
      location.reload();
      return;
    }
    result.data.boxes.forEach(b => boxes.set(b.id, b));
    paint(id);
    paintAll();
    Review.showLookalikes(result.data.lookalikes, accepted => {
      accepted.filter(b => boxes.has(b.id)).forEach(b => { boxes.set(b.id, b); paint(b.id); });
      paintAll();
    });
    step(1);
  }
  function pick(n) {
    const b = boxes.get(selected);
    if (b && b.alternatives[n - 1]) act('SET', b.alternatives[n - 1].label);
  }

  document.querySelectorAll('rect[data-id], .char[data-id]').forEach(el =>
    el.addEventListener('click', () => select(Number(el.dataset.id))));
  Review.keys({
    accept: () => act('ACCEPT'), pick, set: text => act('SET', text), rare: () => act('RARE'),
    del: () => act('DELETE'), split: () => act('SPLIT'), merge: () => act('MERGE'),
    next: () => step(1), prev: () => step(-1)
  });
  Review.draw(label => act('SET', label));
  paintAll();
  // the boxes of a search hit (?hl=id,id from the search page) stay marked while the page is open
  const hits = (new URLSearchParams(location.search).get('hl') || '').split(',').map(Number).filter(id => boxes.has(id));
  hits.forEach(id => { rect(id).classList.add('hit'); span(id).classList.add('hit'); });
  if (hits.length) rect(hits[0]).scrollIntoView({block: 'center', inline: 'nearest'});
  const fromHash = Number((location.hash.match(/^#box-(\d+)$/) || [])[1]);
  if (boxes.has(fromHash)) select(fromHash);
})();
