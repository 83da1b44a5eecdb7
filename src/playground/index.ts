/* The playground page's entry: a HyperFormula workbook, a grid, and the task pane beside it. */
const root = document.getElementById("playground");
if (root) root.textContent = "The LEV playground is being built.";
