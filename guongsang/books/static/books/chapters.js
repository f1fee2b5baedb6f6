// Kéo thả chương: gửi thứ tự mới (htmx) rồi thay danh sách bằng bản trả về.
document.addEventListener("dragstart", (e) => { const li = e.target.closest("[data-entry]"); if (li) { window.gsDragged = li; e.dataTransfer.effectAllowed = "move"; } });
document.addEventListener("dragover", (e) => { const li = e.target.closest("#chapter-list [data-entry]"); if (li && window.gsDragged) { e.preventDefault(); const r = li.getBoundingClientRect(); li.parentNode.insertBefore(window.gsDragged, e.clientY > r.top + r.height / 2 ? li.nextSibling : li); } });
document.addEventListener("drop", (e) => {
  const list = document.getElementById("chapter-list");
  if (!list || !window.gsDragged) return;
  e.preventDefault(); window.gsDragged = null;
  const ids = [...list.querySelectorAll("[data-entry]")].map((li) => li.dataset.entry);
  htmx.ajax("POST", list.dataset.reorderUrl, { target: "#chapters", swap: "outerHTML", values: { entry: ids } });
});
