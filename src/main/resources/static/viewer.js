// Opens the manuscript's IIIF manifest in Mirador, with the annotation panel (the transcription) open and the
// annotations outlined on the scan.
(function () {
  const element = document.getElementById('mirador');
  const manifest = new URL(element.dataset.manifest, window.location.href).href;
  window.miradorInstance = Mirador.viewer({
    id: 'mirador',
    windows: [{ manifestId: manifest }],
    window: {
      allowClose: false,
      sideBarOpen: true,
      sideBarPanel: 'annotations',
      highlightAllAnnotations: true,
      defaultView: 'single',
    },
    // the transcription's annotations are "supplementing": list them too (Mirador lists comments and tags only)
    annotations: {
      filteredMotivations: ['oa:commenting', 'oa:tagging', 'sc:painting', 'commenting', 'tagging', 'supplementing'],
    },
    workspaceControlPanel: { enabled: false },
    workspace: { showZoomControls: true },
  });
}());
