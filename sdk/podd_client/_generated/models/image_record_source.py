from typing import Literal

ImageRecordSource = Literal["import", "pull"]

IMAGE_RECORD_SOURCE_VALUES: set[ImageRecordSource] = {
    "import",
    "pull",
}


def check_image_record_source(value: str) -> ImageRecordSource:
    if value in IMAGE_RECORD_SOURCE_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {IMAGE_RECORD_SOURCE_VALUES!r}")
