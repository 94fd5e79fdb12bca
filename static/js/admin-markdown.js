/* Formatting buttons, "Add image" and a markdown cheat sheet above each markdown editor.

   The buttons put markdown where the cursor is (or around the selected words) and leave
   the cursor where the editor types next. "Add image" uploads through the same endpoint
   as markdownx's drag and drop (its textarea's data-markdownx-upload-urls-path), and
   asks for the alt text first; images dropped or pasted in are asked for theirs after
   markdownx has uploaded them. The toolbar is one tab stop: arrow keys move along it. */
(function () {
  "use strict";

  var BLOCKS = {
    "do-dont": { text: "### Do\n\n- \n\n### Don\u2019t\n\n- ", select: [10, 10] },
    table: { text: "| Heading | Heading |\n| --- | --- |\n| Cell | Cell |", select: [2, 9] }
  };
  var NO_ALT = "Describe the image first: people who cannot see it hear this instead.";

  // Replace start..end with text, keeping the browser's undo history where it can, and
  // tell everyone listening (markdownx's preview, the reading panel) with an input event.
  function replace(editor, start, end, text, selectStart, selectEnd) {
    var before = editor.value;
    var expected = before.substring(0, start) + text + before.substring(end);
    editor.focus();
    editor.setSelectionRange(start, end);
    try {
      document.execCommand(text ? "insertText" : "delete", false, text);
    } catch (error) {
      // Not supported here: the fallback below does it.
    }
    if (editor.value !== expected) {
      editor.value = before;
      editor.setRangeText(text, start, end, "end");
      editor.dispatchEvent(new Event("input", { bubbles: true }));
    }
    editor.setSelectionRange(start + selectStart, start + selectEnd);
  }

  function lineStart(value, index) {
    return value.lastIndexOf("\n", index - 1) + 1;
  }

  function lineEnd(value, index) {
    var end = value.indexOf("\n", index);
    return end === -1 ? value.length : end;
  }

  // Wrap the selection, or put a placeholder in the wrapping and select it to type over.
  function wrap(editor, before, after, placeholder) {
    var start = editor.selectionStart, end = editor.selectionEnd;
    var words = editor.value.substring(start, end) || placeholder;
    replace(editor, start, end, before + words + after, before.length, before.length + words.length);
  }

  // Start every selected line (or the cursor's line) with a prefix.
  function prefixLines(editor, prefixFor, placeholder) {
    var value = editor.value;
    var start = lineStart(value, editor.selectionStart);
    var end = lineEnd(value, Math.max(editor.selectionEnd - (editor.selectionEnd > editor.selectionStart ? 1 : 0), editor.selectionStart));
    var lines = value.substring(start, end).split("\n");
    if (lines.length === 1 && !lines[0].trim()) {
      var prefix = prefixFor(0);
      replace(editor, start, end, prefix + placeholder, prefix.length, prefix.length + placeholder.length);
      return;
    }
    var text = lines.map(function (line, number) {
      return prefixFor(number) + line.replace(/^(#+\s+|[-*]\s+|\d+\.\s+)/, "");
    }).join("\n");
    replace(editor, start, end, text, text.length, text.length);
  }

  // A block of its own: blank lines around it, so markdown does not join it to a paragraph.
  function insertBlock(editor, block) {
    var value = editor.value, start = editor.selectionStart, end = editor.selectionEnd;
    var before = value.substring(0, start), after = value.substring(end);
    var lead = !before ? "" : /\n\n$/.test(before) ? "" : /\n$/.test(before) ? "\n" : "\n\n";
    var tail = !after ? "\n" : /^\n\n/.test(after) ? "" : /^\n/.test(after) ? "\n" : "\n\n";
    replace(editor, start, end, lead + block.text + tail, lead.length + block.select[0], lead.length + block.select[1]);
  }

  function format(editor, kind) {
    switch (kind) {
      case "heading":
        return prefixLines(editor, function () { return "## "; }, "Heading");
      case "bold":
        return wrap(editor, "**", "**", "bold words");
      case "list":
        return prefixLines(editor, function () { return "- "; }, "item");
      case "numbered":
        return prefixLines(editor, function (number) { return (number + 1) + ". "; }, "step");
      case "link": {
        var start = editor.selectionStart, end = editor.selectionEnd;
        var words = editor.value.substring(start, end) || "words to click";
        var text = "[" + words + "](https://)";
        // Select "https://" so the address can be pasted over it.
        return replace(editor, start, end, text, words.length + 3, words.length + 11);
      }
      case "citation":
        // "?" is selected: typing the source's number replaces it.
        return wrap(editor, "[S", "]", "?");
      default:
        if (BLOCKS[kind]) insertBlock(editor, BLOCKS[kind]);
    }
  }

  function escapeAlt(text) {
    return text.replace(/\s+/g, " ").trim().replace(/([\\[\]])/g, "\\$1");
  }

  function errorText(response, data) {
    if (data && typeof data === "object") {
      var messages = [];
      Object.keys(data).forEach(function (key) { messages = messages.concat(data[key]); });
      if (messages.length) return messages.join(" ");
    }
    if (response.status === 413) return "This image is too big to upload.";
    if (response.status === 403) return "The image was not uploaded: sign in again, then try once more.";
    return "The image could not be uploaded (the server answered " + response.status + "). Try again.";
  }

  function setUp(box, template, number) {
    var editor = box.querySelector("textarea.markdownx-editor");
    if (!editor || editor.readOnly || editor.disabled) return;
    var tools = template.content.firstElementChild.cloneNode(true);
    // Unique ids and references to them, for a second editor on the same page.
    tools.querySelectorAll("[id]").forEach(function (element) { element.id += "-" + number; });
    tools.querySelectorAll("[for], [aria-labelledby], [aria-describedby]").forEach(function (element) {
      ["for", "aria-labelledby", "aria-describedby"].forEach(function (name) {
        if (element.hasAttribute(name)) element.setAttribute(name, element.getAttribute(name) + "-" + number);
      });
    });
    // First in the editor's box, across the text and the preview.
    box.insertBefore(tools, box.firstChild);

    var toolbar = tools.querySelector("[role=toolbar]");
    var buttons = Array.prototype.slice.call(toolbar.querySelectorAll("button"));
    toolbar.setAttribute("aria-controls", editor.id);
    buttons.forEach(function (button, index) { button.tabIndex = index === 0 ? 0 : -1; });
    toolbar.addEventListener("keydown", function (event) {
      var index = buttons.indexOf(document.activeElement);
      if (index === -1) return;
      var next = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: buttons.length - 1 }[event.key];
      if (next === undefined) return;
      event.preventDefault();
      next = (next + buttons.length) % buttons.length;
      buttons[index].tabIndex = -1;
      buttons[next].tabIndex = 0;
      buttons[next].focus();
    });
    toolbar.addEventListener("click", function (event) {
      var button = event.target.closest("button");
      if (!button) return;
      buttons.forEach(function (other) { other.tabIndex = other === button ? 0 : -1; });
      if (button.hasAttribute("data-insert")) format(editor, button.getAttribute("data-insert"));
    });
    editor.addEventListener("keydown", function (event) {
      if (!(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey) return;
      var key = event.key.toLowerCase();
      if (key === "b" || key === "k") {
        event.preventDefault();
        format(editor, key === "b" ? "bold" : "link");
      }
    });

    // Images: choose a file, describe it, then upload it and add ![description](address).
    var picker = tools.querySelector(".hemed-md-file");
    var panel = tools.querySelector(".hemed-md-image");
    var alt = panel.querySelector("input[type=text]");
    var error = panel.querySelector("[data-image=error]");
    var upload = panel.querySelector("[data-image-action=upload]");
    var chooser = toolbar.querySelector("[data-image-action=choose]");
    var pending = null;  // {file: File} before upload, {code: "![](address)"} after a drop

    function showError(text) {
      error.textContent = text;
      error.hidden = !text;
      if (text) alt.setAttribute("aria-invalid", "true");
      else alt.removeAttribute("aria-invalid");
    }

    function open(what, name) {
      pending = what;
      panel.querySelector("[data-image=name]").textContent = name;
      upload.textContent = what.file ? "Upload and add" : "Add the description";
      alt.value = "";
      showError("");
      panel.hidden = false;
      alt.focus();
    }

    function close(focusEditor) {
      pending = null;
      panel.hidden = true;
      upload.disabled = false;
      picker.value = "";
      if (focusEditor) editor.focus();
      else chooser.focus();
    }

    function insertImage(address, description) {
      var start = editor.selectionStart, end = editor.selectionEnd;
      var text = "![" + description + "](" + address + ")";
      replace(editor, start, end, text, text.length, text.length);
    }

    function confirm() {
      var description = escapeAlt(alt.value);
      if (!description) {
        showError(NO_ALT);
        alt.focus();
        return;
      }
      if (pending.code) {
        // A dropped image markdownx has added as ![](address): fill in its description.
        var at = editor.value.indexOf(pending.code);
        if (at !== -1) {
          var text = "![" + description + "]" + pending.code.substring(3);
          replace(editor, at, at + pending.code.length, text, text.length, text.length);
        }
        close(true);
        return;
      }
      var body = new FormData();
      body.append("image", pending.file);
      var token = editor.form && editor.form.querySelector("input[name=csrfmiddlewaretoken]");
      if (token) body.append("csrfmiddlewaretoken", token.value);
      upload.disabled = true;
      showError("");
      panel.querySelector("[data-image=name]").textContent = pending.file.name + " (uploading…)";
      var name = pending.file.name;
      fetch(editor.getAttribute("data-markdownx-upload-urls-path"), {
        method: "POST", body: body, credentials: "same-origin",
        // markdownx answers with the image's markdown only to a request marked like this.
        headers: { "X-Requested-With": "XMLHttpRequest" }
      }).then(function (response) {
        return response.json().catch(function () { return null; }).then(function (data) {
          var match = data && typeof data.image_code === "string" && /^!\[\]\((.+)\)$/.exec(data.image_code);
          if (response.ok && match) {
            close(true);
            insertImage(match[1], description);
            return;
          }
          upload.disabled = false;
          panel.querySelector("[data-image=name]").textContent = name;
          showError(errorText(response, response.ok ? null : data));
        });
      }).catch(function () {
        upload.disabled = false;
        panel.querySelector("[data-image=name]").textContent = name;
        showError("The image could not be uploaded: check the connection and try again.");
      });
    }

    chooser.addEventListener("click", function () { picker.click(); });
    picker.addEventListener("change", function () {
      if (picker.files.length) open({ file: picker.files[0] }, picker.files[0].name);
    });
    upload.addEventListener("click", confirm);
    panel.querySelector("[data-image-action=cancel]").addEventListener("click", function () {
      close(Boolean(pending && pending.code));
    });
    alt.addEventListener("input", function () { if (alt.value.trim()) showError(""); });
    panel.addEventListener("keydown", function (event) {
      if (event.key === "Escape") {
        event.preventDefault();
        close(Boolean(pending && pending.code));
      } else if (event.key === "Enter" && event.target === alt) {
        event.preventDefault();  // Enter would save the whole page.
        confirm();
      }
    });
    // markdownx tells its box when a dropped or pasted image is in the text, or was refused.
    var dropError = tools.querySelector("[data-image=drop-error]");
    box.addEventListener("markdownx.fileUploadEnd", function (event) {
      var response = event.detail && event.detail[0];
      dropError.hidden = true;
      if (response && typeof response.image_code === "string" && /^!\[\]\(/.test(response.image_code)) {
        open({ code: response.image_code }, "(the image you dragged in)");
      }
    });
    box.addEventListener("markdownx.fileUploadError", function (event) {
      // Right after this event markdownx puts "Invalid response" in the text where the
      // image would have gone: take it out again.
      setTimeout(function () {
        var end = editor.selectionStart, start = end - "Invalid response".length;
        if (start >= 0 && editor.value.substring(start, end) === "Invalid response") replace(editor, start, end, "", 0, 0);
      }, 0);
      var response = event.detail && event.detail[0];
      dropError.textContent = "The image was not added. " + errorText({ status: 400 }, response);
      dropError.hidden = false;
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var template = document.getElementById("hemed-markdown-tools");
    if (!template) return;
    document.querySelectorAll("div.markdownx").forEach(function (box, index) {
      setUp(box, template, index + 1);
    });
  });
})();
