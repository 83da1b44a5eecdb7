// The part of office-addin-manifest that office-addin-mock uses: the OfficeApp enum.
module.exports = {
  OfficeApp: {
    Excel: "excel",
    OneNote: "onenote",
    Outlook: "outlook",
    Project: "project",
    PowerPoint: "powerpoint",
    Word: "word",
  },
};
