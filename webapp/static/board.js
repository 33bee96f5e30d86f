// The pipeline board's moves by drag and drop and by keyboard. Both fill
// in the card's own Move… form (a labelled select and a button, the path
// that works without this script) and submit it, so every move goes
// through the same POST, rules and CSRF token. A move to a won or lost
// stage needs an amount or a reason: the form is opened with the stage
// chosen and the field to fill focused, instead of being sent.
(function () {
  "use strict";
  var board = document.querySelector(".board");
  if (!board) return;

  function formOf(card) { return card.querySelector("details.move form"); }

  // moveTo sends the card to stage, or opens its form when the stage
  // needs more than a click.
  function moveTo(card, stage, kind) {
    var form = formOf(card);
    if (!form) return;
    var select = form.querySelector("select[name=stage]");
    if (!select || select.value === stage) return;
    select.value = stage;
    if (kind === "open") {
      card.classList.add("moving");
      form.requestSubmit();
      return;
    }
    var details = card.querySelector("details.move");
    details.open = true;
    var field = form.querySelector(kind === "won" ? "input[name=amount]" : "select[name=lost_reason]");
    if (field) field.focus();
  }

  // Drag and drop: a card onto any column.
  board.addEventListener("dragstart", function (e) {
    var card = e.target.closest && e.target.closest(".card[data-deal]");
    if (!card) return;
    e.dataTransfer.setData("text/plain", card.getAttribute("data-deal"));
    e.dataTransfer.effectAllowed = "move";
    card.classList.add("dragging");
  });
  board.addEventListener("dragend", function (e) {
    var card = e.target.closest && e.target.closest(".card");
    if (card) card.classList.remove("dragging");
  });
  board.addEventListener("dragover", function (e) {
    var col = e.target.closest && e.target.closest(".column");
    if (!col) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = "move";
    col.classList.add("drop-target");
  });
  board.addEventListener("dragleave", function (e) {
    var col = e.target.closest && e.target.closest(".column");
    if (col && !col.contains(e.relatedTarget)) col.classList.remove("drop-target");
  });
  board.addEventListener("drop", function (e) {
    var col = e.target.closest && e.target.closest(".column");
    if (!col) return;
    e.preventDefault();
    col.classList.remove("drop-target");
    var id = e.dataTransfer.getData("text/plain");
    if (!/^[0-9]+$/.test(id)) return;
    var card = document.getElementById("card-" + id);
    if (card) moveTo(card, col.getAttribute("data-stage"), col.getAttribute("data-kind"));
  });

  // Keyboard: Shift + → / ← on a focused card moves it one stage.
  board.addEventListener("keydown", function (e) {
    if (!e.shiftKey || (e.key !== "ArrowRight" && e.key !== "ArrowLeft")) return;
    var card = e.target;
    if (!card.classList || !card.classList.contains("card") || !card.hasAttribute("data-deal")) return;
    var form = formOf(card);
    if (!form) return;
    var select = form.querySelector("select[name=stage]");
    var i = select.selectedIndex + (e.key === "ArrowRight" ? 1 : -1);
    if (i < 0 || i >= select.options.length) return;
    e.preventDefault();
    var opt = select.options[i];
    moveTo(card, opt.value, opt.getAttribute("data-kind"));
  });
})();
