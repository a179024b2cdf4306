// Counts the figures that actually loaded and writes "loaded/total" to
// <body data-figures>, so a headless browser can tell a complete page from one with
// broken images (tests/test_report.cpp). It writes nothing to the console.
window.addEventListener("load", function () {
  var images = document.querySelectorAll("img.figure");
  var loaded = 0;
  for (var i = 0; i < images.length; ++i)
    if (images[i].complete && images[i].naturalWidth > 0) ++loaded;
  document.body.dataset.figures = loaded + "/" + images.length;
});
