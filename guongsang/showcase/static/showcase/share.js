// "Chép đường dẫn": copies the story's link; without JavaScript the link and the field still work.
document.addEventListener("DOMContentLoaded", function () {
  var link = document.getElementById("vh-copy");
  if (!link || !navigator.clipboard) return;
  link.addEventListener("click", function (event) {
    event.preventDefault();
    navigator.clipboard.writeText(link.href).then(function () {
      link.textContent = link.dataset.copied;
    });
  });
});
