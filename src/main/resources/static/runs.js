// The runs page: refuses a file over the size limit before it is sent, and while a run is going polls its progress
// every second; when it has ended, loads the page again, which shows the result and the history with the run in it.
(function () {
  'use strict';
  const form = document.getElementById('upload');
  const files = document.getElementById('files');
  const limit = Number(form.dataset.maxFile);
  form.addEventListener('submit', function (event) {
    const tooLarge = [...files.files].filter(f => f.size > limit);
    if (tooLarge.length > 0) {
      event.preventDefault();
      let refused = document.getElementById('refused');
      if (!refused) {
        refused = document.createElement('p');
        refused.id = 'refused';
        refused.className = 'message error';
        form.before(refused);
      }
      refused.textContent = tooLarge.map(f => f.name).join(', ') + ': larger than the '
        + (limit / 1048576).toFixed(1) + ' MB a file may be. Nothing was uploaded.';
      return;
    }
    document.getElementById('start').disabled = true;
  });

  const run = document.getElementById('run');
  if (!run || run.dataset.going !== 'true') {
    return;
  }
  const bar = document.getElementById('run-progress');
  const count = document.getElementById('run-count');
  async function poll() {
    try {
      const response = await fetch('/admin/runs/progress', {headers: {Accept: 'application/json'}});
      if (response.ok) {
        const p = await response.json();
        bar.max = Math.max(1, p.total);
        bar.value = p.done + p.failed;
        count.textContent = (p.done + p.failed) + ' / ' + p.total + ' pages, ' + p.failed + ' failed';
        if (!p.going) {
          window.location.reload();
          return;
        }
      }
    } catch (e) {
      // the server restarting, say: try again
    }
    setTimeout(poll, 1000);
  }
  setTimeout(poll, 1000);
})();
