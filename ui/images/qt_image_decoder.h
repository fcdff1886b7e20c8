// ui/images/: the image decoder core/data/image_folder.h asks the program for: Qt's image
// plugins (PNG, JPEG, BMP) read a file into 8-bit gray or RGB pixels. The GUI and the command
// line install it at start-up.
#pragma once

#include <string>

#include "core/data/image_folder.h"

namespace normlab {

// Decodes one image file with QImageReader; throws NormLabError with Qt's reason. Transparent
// pixels are laid over white (a drawing on a transparent background stays a drawing). Safe on any
// thread.
DecodedImage decodeImageWithQt(const std::string& path);

// setImageDecoder(decodeImageWithQt).
void installQtImageDecoder();

}  // namespace normlab
