/* The task pane's entry. The guided simulator plugs in here; until then it reports that LEV is ready. */
Office.onReady((info) => {
  const status = document.getElementById("status");
  if (status) status.textContent = info.host ? `Ready in ${info.host}.` : "Ready.";
});
