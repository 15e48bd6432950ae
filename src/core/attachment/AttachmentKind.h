#pragma once
// The kinds of evidence file a case holds (issue 21; DESIGN.md §2 "attachments"). Which roles
// see which kind is the access table's: a field row "attachments.<kind>" (core/Policy).
#include <string>
#include <vector>

namespace binhan::core {

// injury_photo, medical, police_record (biên bản), decision (the signed decision), consent, other.
const std::vector<std::string>& attachmentKinds();
bool isAttachmentKind(const std::string& kind);
// The access table's field path of a kind: "attachments.injury_photo".
std::string attachmentField(const std::string& kind);

// The name a file is kept under, from what the client sent: no directories, no control
// characters, at most 120 bytes of valid UTF-8 with the extension (cut at a character boundary); empty or all
// removed gives "tep-dinh-kem.<extension>"; a name not ending in the detected type's extension
// gets it appended ("x.html" → "x.html.jpg"), so a saved copy opens as what its bytes are.
// The name is sealed like any field: it may name her.
std::string cleanFilename(const std::string& sent, const std::string& extension);

}  // namespace binhan::core
