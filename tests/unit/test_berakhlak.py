"""The BerAKHLAK values as data (SE MenPANRB 20/2021): seven values of three behaviours, both
languages, and a file that breaks the shape refused at start-up."""
import pytest

from services.assessment.reference import core_values


def test_the_bundled_file_holds_the_seven_values_of_three_behaviours():
    values = core_values()
    assert [v.name["id"] for v in values] == [
        "Berorientasi Pelayanan", "Akuntabel", "Kompeten", "Harmonis", "Loyal", "Adaptif",
        "Kolaboratif"]
    assert {len(v.behaviours) for v in values} == {3}
    assert values[1].behaviours[2]["id"] == "Tidak menyalahgunakan kewenangan jabatan"


@pytest.mark.parametrize("text", [
    "- {code: a, name: {id: A}, behaviours: []}",
    "- {code: a, name: {id: A, en: A}, behaviours: []}\n- {code: a, name: {id: B, en: B}, behaviours: []}",
])
def test_a_value_without_both_languages_or_a_code_given_twice_is_refused(tmp_path, text):
    path = tmp_path / "values.yaml"
    path.write_text(text)
    with pytest.raises(ValueError):
        core_values(path)
