"""A tabular regressor written the 1990s way: a deep stack of sigmoids, deprecated F.sigmoid,
log(softmax(...)) and a softmax without dim."""
import torch
import torch.nn as nn
import torch.nn.functional as F

regressor = nn.Sequential(
    nn.Linear(20, 64),
    nn.Sigmoid(),
    nn.Linear(64, 64),
    nn.Sigmoid(),
    nn.Linear(64, 64),
    nn.Sigmoid(),
    nn.Linear(64, 1),
)


class Scorer(nn.Module):
    def __init__(self):
        super().__init__()
        self.hidden = nn.Linear(20, 32)
        self.head = nn.Linear(32, 5)

    def forward(self, x):
        h = F.sigmoid(self.hidden(x))
        return self.head(h)


def class_log_probs(scorer, x):
    return torch.log(F.softmax(scorer(x), dim=1))


def class_probs(scorer, x):
    return F.softmax(scorer(x))
