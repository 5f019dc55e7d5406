// Bring the claim named in the address into view in both columns.
(function () {
  var m = location.hash.match(/^#claim-(\d+)$/);
  if (!m) return;
  document.querySelectorAll('.hl.claim').forEach(function (el) {
    if ((' ' + el.dataset.claims + ' ').indexOf(' ' + m[1] + ' ') >= 0) el.classList.add('current');
  });
  var card = document.getElementById('claim-' + m[1]);
  if (card) card.classList.add('current');
  var first = document.querySelector('.hl.claim.current');
  if (first) first.scrollIntoView({block: 'center'});
})();
